package com.callcentre.events.asai;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Sizes, field offsets and enum values of the ASAI structures, as printed by {@code layout_probe}
 * compiled against an {@code asai_str.h}. The binding never hard-codes them: the vendor header
 * is not public, and a hand-copied layout is how FFI wrappers segfault.
 */
public final class LayoutDescriptor {
  /** Keys the binding reads; a descriptor missing any of them is refused at start-up. */
  static final List<String> REQUIRED = List.of(
      "layout.id", "sizeof.long", "sizeof.pointer", "sizeof.enum", "C_DATSZ",
      "offset.asai_common_t.capability", "offset.asai_common_t.primitive_type",
      "offset.asai_common_t.cluster_id", "offset.asai_common_t.reserved",
      "sizeof.cv_info_t", "offset.cv_info_t.domain_type", "offset.cv_info_t.domain_ext", "offset.cv_info_t.pool",
      "sizeof.cv_ack_t", "offset.cv_ack_t.cause",
      "sizeof.en_rep_t", "offset.en_rep_t.event_name", "offset.en_rep_t.call_id", "offset.en_rep_t.party_id",
      "offset.en_rep_t.old_call_id", "offset.en_rep_t.cause", "offset.en_rep_t.calling_num",
      "offset.en_rep_t.called_num", "offset.en_rep_t.connected_num", "offset.en_rep_t.ucid",
      "offset.en_rep_t.split", "offset.en_rep_t.pool",
      "enum.C_EN_REQ", "enum.C_EN_REP", "enum.C_REQUEST", "enum.C_INDICATION", "enum.C_POS_ACK", "enum.C_NEG_ACK",
      "enum.C_NODE_ID", "enum.C_CALL_VECTOR");
  /** Event names of C_EN_REP, as the descriptor's enum keys name them. */
  static final List<String> EVENTS = List.of("C_OFFERED", "C_ALERTING", "C_CONNECTED", "C_ANSWERED", "C_QUEUED",
      "C_HOLD", "C_RECONNECT", "C_DROP", "C_CALL_ENDED", "C_TRANSFERRED", "C_CONFERENCED");

  private final Map<String, Long> values;
  private final String id;
  private final Map<Long, String> eventNames = new HashMap<>();

  private LayoutDescriptor(String id, Map<String, Long> values) {
    this.id = id;
    this.values = values;
    for (String name : EVENTS) {
      Long v = values.get("enum." + name);
      if (v != null) {
        eventNames.put(v, name);
      }
    }
  }

  /** A file path, or {@code classpath:<resource>}. */
  public static LayoutDescriptor load(String location) throws IOException {
    if (location.startsWith("classpath:")) {
      String resource = location.substring("classpath:".length());
      try (InputStream in = LayoutDescriptor.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IOException("layout descriptor not found on the class path: " + resource);
        }
        return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), location);
      }
    }
    return parse(Files.readString(Path.of(location)), location);
  }

  public static LayoutDescriptor parse(String text, String origin) throws IOException {
    Properties p = new Properties();
    try (Reader r = new StringReader(text)) {
      p.load(r);
    }
    List<String> missing = new ArrayList<>();
    for (String key : REQUIRED) {
      if (!p.containsKey(key)) {
        missing.add(key);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("layout descriptor " + origin + " lacks " + missing
          + "; regenerate it with layout_probe against the site's asai_str.h");
    }
    Map<String, Long> values = new HashMap<>();
    for (String key : p.stringPropertyNames()) {
      if (!key.equals("layout.id")) {
        try {
          values.put(key, Long.parseLong(p.getProperty(key).trim()));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("layout descriptor " + origin + ": " + key + " is not a number");
        }
      }
    }
    LayoutDescriptor d = new LayoutDescriptor(p.getProperty("layout.id").trim(), values);
    for (String key : List.of("sizeof.long", "sizeof.pointer", "sizeof.enum")) {
      long size = d.get(key);
      if (size != 4 && size != 8) {
        throw new IllegalArgumentException("layout descriptor " + origin + ": " + key + " must be 4 or 8, was " + size);
      }
    }
    d.checkBounds(origin);
    return d;
  }

  /**
   * Every field the binding reads or writes must lie inside its struct, and before the struct's
   * pool: a descriptor that says otherwise is refused here, so no buffer is ever read out of bounds.
   */
  private void checkBounds(String origin) {
    int en = longSize();
    int ptr = pointerSize();
    int enumSize = enumSize();
    long pool = get("C_DATSZ");
    if (pool <= 0) {
      throw new IllegalArgumentException("layout descriptor " + origin + ": C_DATSZ must be positive, was " + pool);
    }
    for (String struct : List.of("cv_info_t", "cv_ack_t", "en_rep_t")) {
      long end = struct.equals("cv_ack_t") ? get("sizeof.cv_ack_t") : get("offset." + struct + ".pool");
      if (!struct.equals("cv_ack_t")) {
        within(origin, struct, "pool", pool, get("sizeof." + struct));
      }
      if (end > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("layout descriptor " + origin + ": " + struct + " of " + end + " bytes is not a C struct");
      }
      within(origin, struct, "capability", enumSize, end, "asai_common_t");
      within(origin, struct, "primitive_type", enumSize, end, "asai_common_t");
      within(origin, struct, "cluster_id", en, end, "asai_common_t");
      within(origin, struct, "reserved", en, end, "asai_common_t");
    }
    within(origin, "cv_info_t", "domain_type", en, get("offset.cv_info_t.pool"));
    within(origin, "cv_info_t", "domain_ext", ptr, get("offset.cv_info_t.pool"));
    within(origin, "cv_ack_t", "cause", en, get("sizeof.cv_ack_t"));
    long repPool = get("offset.en_rep_t.pool");
    for (String field : List.of("event_name", "call_id", "party_id", "old_call_id", "cause")) {
      within(origin, "en_rep_t", field, en, repPool);
    }
    for (String field : List.of("calling_num", "called_num", "connected_num", "ucid", "split")) {
      within(origin, "en_rep_t", field, ptr, repPool);
    }
  }

  private void within(String origin, String struct, String field, long width, long end) {
    within(origin, struct, field, width, end, struct);
  }

  /** {@code offset.<declaredIn>.<field>} plus its width must lie in [0, end) of {@code struct}. */
  private void within(String origin, String struct, String field, long width, long end, String declaredIn) {
    long offset = get("offset." + declaredIn + "." + field);
    if (offset < 0 || offset > end - width) { // not offset + width: a huge offset would overflow
      throw new IllegalArgumentException("layout descriptor " + origin + ": " + declaredIn + "." + field + " at offset "
          + offset + " (" + width + " bytes) does not fit in " + struct + " before byte " + end
          + "; regenerate it with layout_probe against the site's asai_str.h");
    }
  }

  public String id() {
    return id;
  }

  public int longSize() {
    return (int) get("sizeof.long");
  }

  public int pointerSize() {
    return (int) get("sizeof.pointer");
  }

  public int enumSize() {
    return (int) get("sizeof.enum");
  }

  public int size(String struct) {
    return (int) get("sizeof." + struct);
  }

  public int offset(String struct, String field) {
    return (int) get("offset." + struct + "." + field);
  }

  public long enumValue(String name) {
    return get("enum." + name);
  }

  /** The descriptor's name of an event_name value (C_CONNECTED, C_CALL_ENDED, ...). */
  public Optional<String> eventName(long value) {
    return Optional.ofNullable(eventNames.get(value));
  }

  private long get(String key) {
    Long v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("layout descriptor " + id + " has no " + key);
    }
    return v;
  }
}
