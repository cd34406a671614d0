package com.callcentre.events.schemas.serde;

import com.callcentre.events.schemas.registry.RegistryClientConfig;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.registry.SchemaRegistryException;
import com.callcentre.events.schemas.registry.SubjectNames;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
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
    Schema schema = data.getSchema();
    int id = schemaId(topic, schema);
    try {
      return AvroBinary.framed(id, data);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot write " + schema.getFullName() + " for topic " + topic + ": " + e, e);
    }
  }

  /**
   * The id {@code schema} has under {@code topic}'s subject (TopicNameStrategy), registered there
   * first unless {@code auto.register.schemas=false}; for callers that frame encodings they hold.
   */
  public int schemaId(String topic, Schema schema) {
    if (registry == null) {
      throw new IllegalStateException("AvroSerializer used before configure(): no schema registry");
    }
    String subject = SubjectNames.topicNameStrategy(topic, isKey);
    try {
      return autoRegister ? registry.register(subject, schema)
          : registry.lookup(subject, schema).orElseThrow(() -> new SerializationException(
              "schema " + schema.getFullName() + " is not registered under " + subject + " and auto.register.schemas=false"));
    } catch (SchemaRegistryException e) {
      throw new SerializationException("cannot register " + schema.getFullName() + " under " + subject + ": " + e.getMessage(), e);
    }
  }
}
