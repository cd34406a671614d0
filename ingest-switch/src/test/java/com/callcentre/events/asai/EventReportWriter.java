package com.callcentre.events.asai;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds event-report buffers in memory as a library of the given layout would fill them,
 * including char* fields holding addresses inside the buffer (relative to {@code base}).
 */
final class EventReportWriter {
  private final LayoutDescriptor layout;
  private final ByteBuffer buf;
  private final long base;
  private int poolUsed;

  EventReportWriter(LayoutDescriptor layout, long base) {
    this.layout = layout;
    this.base = base;
    this.buf = ByteBuffer.allocate(layout.size("en_rep_t")).order(ByteOrder.LITTLE_ENDIAN);
    putEnum(layout.offset("asai_common_t", "capability"), layout.enumValue("C_EN_REP"));
    putEnum(layout.offset("asai_common_t", "primitive_type"), layout.enumValue("C_INDICATION"));
  }

  EventReportWriter event(String name) {
    return cLong("event_name", layout.enumValue(name));
  }

  EventReportWriter cLong(String field, long value) {
    int off = layout.offset("en_rep_t", field);
    if (layout.longSize() == 8) {
      buf.putLong(off, value);
    } else {
      buf.putInt(off, (int) value);
    }
    return this;
  }

  EventReportWriter enumAt(String struct, String field, long value) {
    putEnum(layout.offset(struct, field), value);
    return this;
  }

  EventReportWriter text(String field, String value) {
    int at = layout.offset("en_rep_t", "pool") + poolUsed;
    byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
    buf.put(at, bytes);
    buf.put(at + bytes.length, (byte) 0);
    poolUsed += bytes.length + 1;
    return pointer(field, base + at);
  }

  EventReportWriter pointer(String field, long address) {
    int off = layout.offset("en_rep_t", field);
    if (layout.pointerSize() == 8) {
      buf.putLong(off, address);
    } else {
      buf.putInt(off, (int) address);
    }
    return this;
  }

  byte[] bytes() {
    return buf.array();
  }

  int length() {
    return layout.offset("en_rep_t", "pool") + poolUsed;
  }

  private void putEnum(int off, long value) {
    if (layout.enumSize() == 8) {
      buf.putLong(off, value);
    } else {
      buf.putInt(off, (int) value);
    }
  }
}
