package com.callcentre.events.asai;

import java.nio.charset.StandardCharsets;

/**
 * Decodes an {@code en_rep_t} event report from the bytes {@code asai_rcv} filled in, using the
 * layout descriptor for every size and offset. Its {@code char*} fields hold addresses inside the
 * receive buffer itself (they point into the message's pool), so each is turned back into an
 * offset with the buffer's address, and refused if it points anywhere else: a bad buffer is
 * rejected with a reason, never followed.
 */
public final class AsaiEventDecoder {
  private static final int MAX_TEXT = 128;

  private final LayoutDescriptor layout;

  public AsaiEventDecoder(LayoutDescriptor layout) {
    this.layout = layout;
  }

  /**
   * @param buffer      the bytes received
   * @param length      how many of them {@code asai_rcv} returned
   * @param baseAddress the address the buffer had in the process that received it
   */
  public DecodedEvent decode(byte[] buffer, int length, long baseAddress) throws UndecodableBufferException {
    if (length < 0 || length > buffer.length) {
      throw new UndecodableBufferException("bad_length", "the library reported " + length + " bytes received into a buffer of "
          + buffer.length);
    }
    int header = layout.offset("en_rep_t", "pool");
    if (length < header) {
      throw new UndecodableBufferException("too_short", "buffer of " + length + " bytes is shorter than an event report header ("
          + header + " bytes)");
    }
    StructView v = new StructView(buffer, length, layout);
    long capability = v.cEnum(layout.offset("asai_common_t", "capability"));
    long primitive = v.cEnum(layout.offset("asai_common_t", "primitive_type"));
    if (capability != layout.enumValue("C_EN_REP") || primitive != layout.enumValue("C_INDICATION")) {
      throw new UndecodableBufferException("not_an_event_report",
          "capability " + capability + "/primitive " + primitive + " is not C_EN_REP/C_INDICATION");
    }
    long nameValue = v.cLong(layout.offset("en_rep_t", "event_name"));
    String name = layout.eventName(nameValue).orElseThrow(() ->
        new UndecodableBufferException("unknown_event", "event_name " + nameValue + " is not in layout " + layout.id()));
    return new DecodedEvent(
        name,
        v.cLong(layout.offset("en_rep_t", "call_id")),
        v.cLong(layout.offset("en_rep_t", "party_id")),
        v.cLong(layout.offset("en_rep_t", "old_call_id")),
        v.cLong(layout.offset("en_rep_t", "cause")),
        text(v, "calling_num", baseAddress, header),
        text(v, "called_num", baseAddress, header),
        text(v, "connected_num", baseAddress, header),
        text(v, "ucid", baseAddress, header),
        text(v, "split", baseAddress, header));
  }

  private String text(StructView v, String field, long base, int poolStart) throws UndecodableBufferException {
    long address = v.pointer(layout.offset("en_rep_t", field));
    if (address == 0) {
      return null;
    }
    long offset = address - base;
    if (offset < poolStart || offset >= v.length()) {
      throw new UndecodableBufferException("pointer_out_of_buffer",
          field + " points " + offset + " bytes from the buffer start, outside its pool [" + poolStart + ", " + v.length() + ")");
    }
    int start = (int) offset;
    int end = start;
    while (end < v.length() && v.at(end) != 0) {
      if (end - start >= MAX_TEXT) {
        throw new UndecodableBufferException("text_too_long", field + " is longer than " + MAX_TEXT + " bytes");
      }
      byte b = v.at(end);
      if (b < 0x20 || b > 0x7e) {
        throw new UndecodableBufferException("bad_text", field + " holds a non-printable byte 0x" + Integer.toHexString(b & 0xff));
      }
      end++;
    }
    if (end >= v.length()) {
      throw new UndecodableBufferException("unterminated_text", field + " runs past the end of the buffer");
    }
    byte[] raw = new byte[end - start];
    for (int i = start; i < end; i++) {
      raw[i - start] = v.at(i);
    }
    return new String(raw, StandardCharsets.US_ASCII);
  }
}
