package com.callcentre.events.schemas.serde;

import com.callcentre.events.schemas.registry.RegistryClientConfig;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.registry.SchemaRegistryException;
import com.callcentre.events.schemas.serde.internal.WireFormat;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format Avro. The writer's schema comes from the registry by the id in the
 * record; the reader's schema is the target class's, so records written with an older compatible
 * schema are resolved into today's classes.
 *
 * <p>With a target class it returns that class; configured from Kafka properties without one, it
 * returns the generated class named by the writer schema ({@code specific.avro.reader=true}, the
 * default) or a {@code GenericRecord}.
 */
public class AvroDeserializer<T> implements Deserializer<T> {
  private SchemaRegistryClient registry;
  private final Class<? extends T> targetType;
  private boolean specific = true;
  private final Map<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();

  /** For Kafka to instantiate from configuration; {@link #configure} must follow. */
  public AvroDeserializer() {
    this.targetType = null;
  }

  public AvroDeserializer(SchemaRegistryClient registry, Class<? extends T> targetType) {
    this.registry = registry;
    this.targetType = targetType;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.specific = AvroSerdeConfig.flag(configs, AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
    if (registry == null) {
      registry = SchemaRegistryClient.forConfig(RegistryClientConfig.fromProperties(configs));
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (registry == null) {
      throw new IllegalStateException("AvroDeserializer used before configure(): no schema registry");
    }
    int id = WireFormat.schemaId(topic, data);
    try {
      DatumReader<Object> reader = readers.computeIfAbsent(id, this::readerFor);
      return (T) reader.read(null, DecoderFactory.get().binaryDecoder(
          data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE, null));
    } catch (SchemaRegistryException e) {
      throw new SerializationException("record on " + topic + " names schema id " + id
          + " that the registry cannot give: " + e.getMessage(), e);
    } catch (SerializationException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // Avro signals damaged input with many types (AvroRuntimeException, ClassCastException,
      // IndexOutOfBounds, UnsupportedOperation for absurd lengths...): callers get one.
      throw new SerializationException("record on " + topic + " with schema id " + id
          + " is not valid Avro for that schema: " + e, e);
    }
  }

  private DatumReader<Object> readerFor(int schemaId) {
    Schema writer = registry.schemaById(schemaId);
    if (targetType != null && SpecificRecord.class.isAssignableFrom(targetType)) {
      SpecificData model = SpecificData.getForClass(targetType);
      return new SpecificDatumReader<>(writer, model.getSchema(targetType), model);
    }
    if (specific && SpecificData.get().getClass(writer) != null) {
      Class<?> generated = SpecificData.get().getClass(writer);
      SpecificData model = SpecificData.getForClass(generated);
      return new SpecificDatumReader<>(writer, model.getSchema(generated), model);
    }
    return new GenericDatumReader<>(writer, writer, GenericData.get());
  }
}
