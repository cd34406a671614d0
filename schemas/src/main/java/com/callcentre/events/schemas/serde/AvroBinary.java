package com.callcentre.events.schemas.serde;

import com.callcentre.events.schemas.serde.internal.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Avro's binary encoding of a record, bare or in the registry's wire format. One writer per schema
 * for the whole JVM, and one buffered encoder with its output buffer per thread: every record
 * written on a hot path (an ingest service's events, the streams-app's outputs and stores) used to
 * get a fresh unbuffered encoder writing byte by byte into a fresh stream.
 *
 * <p>{@link #framed(int, byte[]...)} lets a caller that already holds a record's encoding frame it
 * again under another schema id, or inside an enclosing record, without encoding it twice.
 */
public final class AvroBinary {
  /** A thread's buffer that grew past this (one huge record) is dropped rather than kept for good. */
  private static final int KEPT_BUFFER_LIMIT = 1 << 20;
  private static final Map<Schema, DatumWriter<Object>> WRITERS = new ConcurrentHashMap<>();
  private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);

  private AvroBinary() {}

  /** The record's Avro binary encoding, no header. */
  public static byte[] body(GenericContainer record) throws IOException {
    return encode(null, record);
  }

  /** The registry wire format: magic byte, {@code schemaId}, then the record's encoding. */
  public static byte[] framed(int schemaId, GenericContainer record) throws IOException {
    return encode(WireFormat.header(schemaId), record);
  }

  /** The registry wire format around encodings the caller already has, concatenated in order. */
  public static byte[] framed(int schemaId, byte[]... encoded) {
    int length = WireFormat.HEADER_SIZE;
    for (byte[] part : encoded) {
      length += part.length;
    }
    byte[] framed = new byte[length];
    System.arraycopy(WireFormat.header(schemaId), 0, framed, 0, WireFormat.HEADER_SIZE);
    int at = WireFormat.HEADER_SIZE;
    for (byte[] part : encoded) {
      System.arraycopy(part, 0, framed, at, part.length);
      at += part.length;
    }
    return framed;
  }

  private static byte[] encode(byte[] header, GenericContainer record) throws IOException {
    Buffer buffer = BUFFERS.get();
    buffer.reset();
    if (header != null) {
      buffer.write(header, 0, header.length);
    }
    buffer.encoder = EncoderFactory.get().binaryEncoder(buffer, buffer.encoder);
    writer(record.getSchema()).write(record, buffer.encoder);
    buffer.encoder.flush();
    byte[] encoded = buffer.toByteArray();
    if (buffer.capacity() > KEPT_BUFFER_LIMIT) {
      BUFFERS.remove();
    }
    return encoded;
  }

  private static DatumWriter<Object> writer(Schema schema) {
    // SpecificData.getForSchema picks the generated class's model, which knows its logical types.
    return WRITERS.computeIfAbsent(schema, s -> new SpecificDatumWriter<>(s, SpecificData.getForSchema(s)));
  }

  private static final class Buffer extends ByteArrayOutputStream {
    BinaryEncoder encoder;

    Buffer() {
      super(512);
    }

    int capacity() {
      return buf.length;
    }
  }
}
