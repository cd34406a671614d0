package com.callcentre.events.switchreader;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * What travels with every raw switch buffer on {@code call-events.raw-asai.v1} so a later parser can
 * re-read it exactly: the VDN, the layout descriptor it was read with, the receive time, the
 * buffer's native address (its {@code char*} fields point into it), and the uuid the decoded
 * event was given (absent on records written before it was added, and on rejected buffers' events).
 */
public record RawBufferHeaders(String vdn, String layoutId, Instant receivedAt, long bufferAddress, Optional<String> eventUuid) {
  public static final String VDN = "vdn";
  public static final String LAYOUT_ID = "layout-id";
  public static final String RECEIVED_AT = "received-at";
  public static final String BUFFER_ADDRESS = "buffer-address";
  public static final String EVENT_UUID = "event-uuid";

  public static RawBufferHeaders of(String vdn, String layoutId, Instant receivedAt, long bufferAddress, String eventUuid) {
    return new RawBufferHeaders(vdn, layoutId, receivedAt, bufferAddress, Optional.of(eventUuid));
  }

  public RecordHeaders toKafka() {
    RecordHeaders h = new RecordHeaders();
    h.add(VDN, vdn.getBytes(StandardCharsets.UTF_8));
    h.add(LAYOUT_ID, layoutId.getBytes(StandardCharsets.UTF_8));
    h.add(RECEIVED_AT, receivedAt.toString().getBytes(StandardCharsets.UTF_8));
    h.add(BUFFER_ADDRESS, ByteBuffer.allocate(8).putLong(bufferAddress).array());
    eventUuid.ifPresent(u -> h.add(EVENT_UUID, u.getBytes(StandardCharsets.UTF_8)));
    return h;
  }

  /** Reads the headers of a raw record; an error names the missing or malformed header. */
  public static RawBufferHeaders from(Headers headers) {
    byte[] address = required(headers, BUFFER_ADDRESS);
    if (address.length != 8) {
      throw new IllegalArgumentException("header " + BUFFER_ADDRESS + " has " + address.length + " bytes, not 8");
    }
    Header uuid = headers.lastHeader(EVENT_UUID);
    return new RawBufferHeaders(text(headers, VDN), text(headers, LAYOUT_ID), Instant.parse(text(headers, RECEIVED_AT)),
        ByteBuffer.wrap(address).getLong(),
        uuid == null ? Optional.empty() : Optional.of(new String(uuid.value(), StandardCharsets.UTF_8)));
  }

  private static String text(Headers headers, String key) {
    return new String(required(headers, key), StandardCharsets.UTF_8);
  }

  private static byte[] required(Headers headers, String key) {
    Header h = headers.lastHeader(key);
    if (h == null || h.value() == null) {
      throw new IllegalArgumentException("raw record has no " + key + " header");
    }
    return h.value();
  }
}
