package com.callcentre.events.schemas.serde.internal;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format: magic byte 0, the schema id as a 4-byte big-endian int, then the
 * Avro binary encoding of the value.
 */
public final class WireFormat {
  public static final byte MAGIC_BYTE = 0;
  public static final int HEADER_SIZE = 5;

  private WireFormat() {}

  public static byte[] header(int schemaId) {
    return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC_BYTE).putInt(schemaId).array();
  }

  /** Reads the schema id from a framed value, refusing anything that is not in this format. */
  public static int schemaId(String topic, byte[] framed) {
    if (framed.length < HEADER_SIZE) {
      throw new SerializationException("record on " + topic + " is " + framed.length
          + " bytes, too short for the schema-registry wire format (magic byte + 4-byte schema id)");
    }
    if (framed[0] != MAGIC_BYTE) {
      throw new SerializationException(String.format(
          "record on %s starts with byte 0x%02x, not the schema-registry magic byte 0x00", topic, framed[0]));
    }
    return ByteBuffer.wrap(framed, 1, 4).getInt();
  }
}
