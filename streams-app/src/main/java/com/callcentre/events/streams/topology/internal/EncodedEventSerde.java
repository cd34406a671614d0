package com.callcentre.events.streams.topology.internal;

import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.serde.AvroBinary;
import com.callcentre.events.schemas.serde.AvroDeserializer;
import com.callcentre.events.schemas.serde.AvroSerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * An {@link ExtensionEvent} in the registry's wire format under the topic's subject, written from
 * the encoding the {@link EncodedEvent} already holds: the same bytes as {@link AvroSerializer}'s.
 */
public final class EncodedEventSerde implements Serde<EncodedEvent> {
  private final AvroSerializer<ExtensionEvent> ids;
  private final AvroDeserializer<ExtensionEvent> reader;

  public EncodedEventSerde(SchemaRegistryClient registry) {
    this.ids = new AvroSerializer<>(registry, false);
    this.reader = new AvroDeserializer<>(registry, ExtensionEvent.class);
  }

  @Override
  public Serializer<EncodedEvent> serializer() {
    return (topic, encoded) -> encoded == null ? null
        : AvroBinary.framed(ids.schemaId(topic, ExtensionEvent.getClassSchema()), encoded.body());
  }

  @Override
  public Deserializer<EncodedEvent> deserializer() {
    return (topic, bytes) -> {
      ExtensionEvent event = reader.deserialize(topic, bytes);
      return event == null ? null : new EncodedEvent(event);
    };
  }
}
