package com.callcentre.events.streams.topology.internal;

import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.avro.ExtensionState;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.serde.AvroBinary;
import com.callcentre.events.schemas.serde.AvroDeserializer;
import com.callcentre.events.schemas.serde.AvroSerializer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.io.BinaryData;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The compacted state record, {@link ExtensionState} with the extension, its sequence, the event
 * as latest and an empty recent window, written around the event's encoding the
 * {@link EncodedEvent} already holds. Avro encodes a record as its fields in schema order, so this
 * is byte for byte what {@link AvroSerializer} writes for that record ({@code EncodedEventSerdesTest}
 * holds it to that). Read back, a state record gives its latest event.
 */
public final class LatestStateSerde implements Serde<EncodedEvent> {
  /** An empty Avro array: a block count of 0. */
  private static final byte[] EMPTY_ARRAY = {0};

  private final AvroSerializer<ExtensionState> ids;
  private final AvroDeserializer<ExtensionState> reader;

  public LatestStateSerde(SchemaRegistryClient registry) {
    this.ids = new AvroSerializer<>(registry, false);
    this.reader = new AvroDeserializer<>(registry, ExtensionState.class);
  }

  @Override
  public Serializer<EncodedEvent> serializer() {
    return (topic, encoded) -> {
      if (encoded == null) {
        return null;
      }
      ExtensionEvent event = encoded.event();
      return AvroBinary.framed(ids.schemaId(topic, ExtensionState.getClassSchema()),
          string(event.getExtension()), varLong(event.getSeq()), encoded.body(), EMPTY_ARRAY);
    };
  }

  @Override
  public Deserializer<EncodedEvent> deserializer() {
    return (topic, bytes) -> {
      ExtensionState state = reader.deserialize(topic, bytes);
      return state == null ? null : new EncodedEvent(state.getLatest());
    };
  }

  private static byte[] string(CharSequence value) {
    byte[] utf8 = value.toString().getBytes(StandardCharsets.UTF_8);
    byte[] length = varLong(utf8.length);
    byte[] encoded = Arrays.copyOf(length, length.length + utf8.length);
    System.arraycopy(utf8, 0, encoded, length.length, utf8.length);
    return encoded;
  }

  private static byte[] varLong(long value) {
    byte[] buffer = new byte[10]; // the longest zig-zag varint
    return Arrays.copyOf(buffer, BinaryData.encodeLong(value, buffer, 0));
  }
}
