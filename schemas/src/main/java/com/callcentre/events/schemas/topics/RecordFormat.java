package com.callcentre.events.schemas.topics;

import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.serde.AvroSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** How a topic's keys or values are encoded, and the serde that reads and writes them. */
public sealed interface RecordFormat<T> {
  RecordFormat<String> STRING = new Plain<>("UTF-8 string", Serdes.String());
  RecordFormat<byte[]> BYTES = new Plain<>("raw bytes", Serdes.ByteArray());

  static <T extends SpecificRecord> RecordFormat<T> avro(Class<T> type) {
    return new Avro<>(type);
  }

  /** A serde for this format; Avro formats register and fetch schemas through {@code registry}. */
  Serde<T> serde(SchemaRegistryClient registry, boolean isKey);

  /** What a consumer has to know to read it, for documentation and admin listings. */
  String describe();

  record Plain<T>(String describe, Serde<T> plainSerde) implements RecordFormat<T> {
    @Override
    public Serde<T> serde(SchemaRegistryClient registry, boolean isKey) {
      return plainSerde;
    }
  }

  record Avro<T extends SpecificRecord>(Class<T> type) implements RecordFormat<T> {
    @Override
    public Serde<T> serde(SchemaRegistryClient registry, boolean isKey) {
      return new AvroSerde<>(registry, type, isKey);
    }

    @Override
    public String describe() {
      return "Avro " + type.getName() + " (Confluent wire format)";
    }
  }
}
