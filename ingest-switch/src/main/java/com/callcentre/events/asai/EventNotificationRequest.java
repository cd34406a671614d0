package com.callcentre.events.asai;

import com.sun.jna.Memory;
import java.nio.charset.StandardCharsets;

/** Writes the {@code cv_info_t} that asks for a VDN's call events, by the layout descriptor. */
final class EventNotificationRequest {
  private EventNotificationRequest() {}

  static Memory write(LayoutDescriptor layout, String vdn) {
    byte[] digits = vdn.getBytes(StandardCharsets.US_ASCII);
    int pool = layout.offset("cv_info_t", "pool");
    if (digits.length + 1 > layout.size("cv_info_t") - pool) {
      throw new IllegalArgumentException("VDN '" + vdn + "' does not fit the request's pool");
    }
    Memory m = new Memory(layout.size("cv_info_t"));
    m.clear();
    putEnum(m, layout, layout.offset("asai_common_t", "capability"), layout.enumValue("C_EN_REQ"));
    putEnum(m, layout, layout.offset("asai_common_t", "primitive_type"), layout.enumValue("C_REQUEST"));
    putLong(m, layout, layout.offset("asai_common_t", "cluster_id"), 0);
    putLong(m, layout, layout.offset("asai_common_t", "reserved"), 0);
    putLong(m, layout, layout.offset("cv_info_t", "domain_type"), layout.enumValue("C_CALL_VECTOR"));
    m.write(pool, digits, 0, digits.length);
    m.setByte(pool + digits.length, (byte) 0);
    long poolAddress = AsaiClient.address(m) + pool;
    int ext = layout.offset("cv_info_t", "domain_ext");
    if (layout.pointerSize() == 8) {
      m.setLong(ext, poolAddress);
    } else {
      m.setInt(ext, (int) poolAddress);
    }
    return m;
  }

  private static void putLong(Memory m, LayoutDescriptor layout, int offset, long value) {
    if (layout.longSize() == 8) {
      m.setLong(offset, value);
    } else {
      m.setInt(offset, (int) value);
    }
  }

  private static void putEnum(Memory m, LayoutDescriptor layout, int offset, long value) {
    if (layout.enumSize() == 8) {
      m.setLong(offset, value);
    } else {
      m.setInt(offset, (int) value);
    }
  }
}
