package com.callcentre.events.schemas.serde;

import com.callcentre.events.schemas.registry.RegistryClientConfig;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.registry.SchemaRegistryException;
import com.callcentre.events.schemas.registry.SubjectNames;
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
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records (generated or generic) in the Confluent wire format, registering each
 * schema under the topic's subject (TopicNameStrategy) the first time it is used.
 *
 * <p>Usable from code with a shared client, or from Kafka configuration with
 * {@code schema.registry.url}.
 */
public class AvroSerializer<T extends GenericContainer> implements Serializer<T> {
  private SchemaRegistryClient registry;
  private boolean isKey;
  private boolean autoRegister = true;
  private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();

  /** For Kafka to instantiate from configuration; {@link #configure} must follow. */
  public AvroSerializer() {}

  public AvroSerializer(SchemaRegistryClient registry, boolean isKey) {
    this.registry = registry;
    this.isKey = isKey;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.isKey = isKey;
    this.autoRegister = AvroSerdeConfig.flag(configs, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, true);
    if (registry == null) {
      registry = SchemaRegistryClient.forConfig(RegistryClientConfig.fromProperties(configs));
    }
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    if (registry == null) {
      throw new IllegalStateException("AvroSerializer used before configure(): no schema registry");
    }
    Schema schema = data.getSchema();
    String subject = SubjectNames.topicNameStrategy(topic, isKey);
    try {
      int id = autoRegister ? registry.register(subject, schema)
          : registry.lookup(subject, schema).orElseThrow(() -> new SerializationException(
              "schema " + schema.getFullName() + " is not registered under " + subject + " and auto.register.schemas=false"));
      ByteArrayOutputStream out = new ByteArrayOutputStream(128);
      out.write(WireFormat.header(id));
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      writerFor(schema).write(data, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (SchemaRegistryException e) {
      throw new SerializationException("cannot register " + schema.getFullName() + " under " + subject + ": " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      if (e instanceof SerializationException se) {
        throw se;
      }
      throw new SerializationException("cannot write " + schema.getFullName() + " for topic " + topic + ": " + e, e);
    }
  }

  private DatumWriter<Object> writerFor(Schema schema) {
    // SpecificData.getForSchema picks the generated class's model, which knows its logical types.
    return writers.computeIfAbsent(schema, s -> new SpecificDatumWriter<>(s, SpecificData.getForSchema(s)));
  }
}
