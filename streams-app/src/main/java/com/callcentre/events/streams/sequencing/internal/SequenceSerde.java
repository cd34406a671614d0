package com.callcentre.events.streams.sequencing.internal;

import com.callcentre.events.avro.ExtensionState;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.serde.AvroDeserializer;
import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The sequencer's store value: an extension's last sequence number, 8 bytes. Stores written before
 * the store held only the number kept the whole {@link ExtensionState} (latest plus the recent
 * window) in the same store and changelog; such a record still reads, as its sequence, so an
 * upgraded streams-app continues every extension's sequence where it stopped. Registry-framed Avro
 * is never 8 bytes long (magic byte, 4-byte schema id, then at least the extension and a sequence).
 */
public final class SequenceSerde implements Serde<Long> {
  private final AvroDeserializer<ExtensionState> legacy;

  public SequenceSerde(SchemaRegistryClient registry) {
    this.legacy = new AvroDeserializer<>(registry, ExtensionState.class);
  }

  @Override
  public Serializer<Long> serializer() {
    return (topic, seq) -> seq == null ? null : ByteBuffer.allocate(Long.BYTES).putLong(seq).array();
  }

  @Override
  public Deserializer<Long> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length == Long.BYTES) {
        return ByteBuffer.wrap(bytes).getLong();
      }
      return legacy.deserialize(topic, bytes).getSeq();
    };
  }
}
