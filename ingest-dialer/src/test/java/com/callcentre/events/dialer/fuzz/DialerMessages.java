package com.callcentre.events.dialer.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of dialer messages, good and bad, shared by the parser's and the intake's fuzz tests. */
final class DialerMessages {
  private static final List<String> TYPED_KEYS = List.of("connect_num", "event_name_s", "calling_num", "called_num",
      "vdn", "call_unique_id", "ucid", "call_id", "agent_id", "split", "cause", "event_time", "event_uuid");

  private DialerMessages() {}

  /** A flat object of string values the intake must accept: an extension, known keys, extra keys. */
  static Arbitrary<Map<String, String>> wellFormed() {
    Arbitrary<String> extension = Arbitraries.strings().numeric().ofMinLength(2).ofMaxLength(15);
    Arbitrary<String> name = Arbitraries.of("C_OFFERED", "C_ALERTING", "C_CONNECTED", "C_DROP", "C_CALLEND", "PREVIEW");
    Arbitrary<Map<String, String>> extras = Arbitraries.maps(
        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12).map(k -> "x_" + k),
        Arbitraries.strings().ofMaxLength(200)).ofMaxSize(20);
    return Combinators.combine(extension, name, Arbitraries.of(true, false), extras).as((ext, event, ownUuid, more) -> {
      Map<String, String> message = new LinkedHashMap<>(more);
      message.put("connect_num", ext);
      message.put("event_name_s", event);
      message.put("calling_num", "3035551212");
      if (ownUuid) {
        message.put("event_uuid", UUID.randomUUID().toString());
      }
      return message;
    });
  }

  /** JSON text of a flat string-valued object, written as the injector writes it. */
  static String json(Map<String, String> message) {
    return message.entrySet().stream().map(e -> quote(e.getKey()) + " : " + quote(e.getValue()))
        .collect(Collectors.joining(",", "{", "}"));
  }

  /** Objects whose values have any JSON type, typed keys with nonsense in them, and broken JSON. */
  static Arbitrary<String> jsonLike() {
    Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of(TYPED_KEYS), Arbitraries.strings().ofMaxLength(20));
    Arbitrary<String> value = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(40).map(DialerMessages::quote),
        Arbitraries.strings().numeric().ofMaxLength(25).map(DialerMessages::quote),
        Arbitraries.of("\"+999999999-12-31T23:59:59Z\"", "\"-1000000000-01-01T00:00:00Z\"", "\"9223372036854775807\"",
            "\"99999999999999999999\"", "\"2026-11-23T10:02:00Z\"", "\"not-a-uuid\"", "\"\"", "\" \""),
        Arbitraries.integers().map(String::valueOf),
        Arbitraries.of("true", "false", "null", "[]", "{}", "[\"4567\"]", "{\"a\":\"b\"}", "1e400", "-0.0"));
    Arbitrary<String> object = Combinators.combine(key, value).as((k, v) -> quote(k) + ":" + v)
        .list().ofMaxSize(12).map(fields -> "{" + String.join(",", fields) + "}");
    Arbitrary<String> truncated = object.flatMap(o -> Arbitraries.integers().between(0, o.length())
        .map(cut -> o.substring(0, cut)));
    return Arbitraries.oneOf(object, truncated, object.map(o -> "[" + o + "]"), Arbitraries.of("", "null", "\"4567\"", "42"));
  }

  /** A valid message with one typed key set to an edge value: far-off times, huge ids, blanks, odd uuids. */
  static Arbitrary<String> oddTypedValues() {
    Arbitrary<String> odd = Arbitraries.oneOf(
        Arbitraries.of("+999999999-12-31T23:59:59Z", "-1000000000-01-01T00:00:00Z", "+292278994-08-17T07:12:55.808Z",
            "9223372036854775807", "99999999999999999999", "-1", "0", "", " ", "2026-11-23T10:02:00+01:00",
            "00000000-0000-0000-0000-000000000000", "1-1-1-1-1", "\u0000", "\ud800"),
        Arbitraries.strings().ofMaxLength(30));
    return Combinators.combine(wellFormed(), Arbitraries.of(TYPED_KEYS), odd).as((message, key, value) -> {
      Map<String, String> changed = new LinkedHashMap<>(message);
      changed.put(key, value);
      return json(changed).replace("\\\\u", "\\u");
    });
  }

  /** A valid message's bytes with bytes that cannot occur in UTF-8 put in. */
  static Arbitrary<byte[]> corruptedUtf8() {
    return Combinators.combine(wellFormed(), Arbitraries.of((byte) 0xC0, (byte) 0xFF, (byte) 0x80, (byte) 0xED),
        Arbitraries.integers().between(0, 1000)).as((message, bad, where) -> {
          byte[] good = json(message).getBytes(StandardCharsets.UTF_8);
          int at = where % (good.length + 1);
          byte[] out = new byte[good.length + 1];
          System.arraycopy(good, 0, out, 0, at);
          out[at] = bad;
          System.arraycopy(good, at, out, at + 1, good.length - at);
          return out;
        });
  }

  /** Arrays or objects nested up to thousands deep, with or without a valid extension beside them. */
  static Arbitrary<String> deeplyNested() {
    return Combinators.combine(Arbitraries.integers().between(1, 5000), Arbitraries.of("[", "{\"a\":"))
        .as((depth, open) -> {
          String close = open.equals("[") ? "]" : "}";
          return "{\"connect_num\":\"4567\",\"nested\":" + open.repeat(depth) + "1" + close.repeat(depth) + "}";
        });
  }

  /** The same key twice, the second value different. */
  static Arbitrary<String> duplicateKeys() {
    return Arbitraries.of(TYPED_KEYS).map(k -> "{\"connect_num\":\"4567\"," + quote(k) + ":\"1\"," + quote(k) + ":\"2\"}");
  }

  /** Messages around and far over the size limits: long values, many keys, megabyte bodies. */
  static Arbitrary<String> huge() {
    Arbitrary<String> longValue = Arbitraries.integers().between(1000, 40_000)
        .map(n -> "{\"connect_num\":\"4567\",\"note\":\"" + "y".repeat(n) + "\"}");
    Arbitrary<String> manyKeys = Arbitraries.integers().between(60, 3000).map(n -> {
      StringBuilder b = new StringBuilder("{\"connect_num\":\"4567\"");
      for (int i = 0; i < n; i++) {
        b.append(",\"k").append(i).append("\":\"v\"");
      }
      return b.append('}').toString();
    });
    return Arbitraries.oneOf(longValue, manyKeys);
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
