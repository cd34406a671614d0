package com.callcentre.events.asai;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Reads C scalars of descriptor-given sizes from a buffer (little-endian, as x86 and x64 are). */
final class StructView {
  private final ByteBuffer bytes;
  private final LayoutDescriptor layout;

  StructView(byte[] buffer, int length, LayoutDescriptor layout) {
    this.bytes = ByteBuffer.wrap(buffer, 0, length).slice().order(ByteOrder.LITTLE_ENDIAN);
    this.layout = layout;
  }

  int length() {
    return bytes.limit();
  }

  long cLong(int offset) {
    return layout.longSize() == 8 ? bytes.getLong(offset) : bytes.getInt(offset);
  }

  long cEnum(int offset) {
    return layout.enumSize() == 8 ? bytes.getLong(offset) : bytes.getInt(offset);
  }

  long pointer(int offset) {
    return layout.pointerSize() == 8 ? bytes.getLong(offset) : Integer.toUnsignedLong(bytes.getInt(offset));
  }

  byte at(int offset) {
    return bytes.get(offset);
  }
}
