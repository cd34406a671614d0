package com.callcentre.events.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.EventSource;
import com.callcentre.events.infra.LocalInfra;
import com.callcentre.events.testsupport.SharedInfra;
import com.callcentre.events.schemas.registry.CompatibilityLevel;
import com.callcentre.events.schemas.registry.IncompatibleSchemaException;
import com.callcentre.events.schemas.registry.RegistryClientConfig;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The serdes against a real Kafka broker and a real Apicurio registry (Confluent API). */
@ExtendWith(SharedInfra.class)
class AvroSerdeIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void callEventsRoundTripThroughTheBrokerInTheConfluentWireFormat(LocalInfra infra) throws Exception {
    String topic = newTopic(infra, "serde-roundtrip");
    List<CallEvent> sent = List.of(event("4567", "C_OFFERED"), event("4567", "C_CONNECTED"), event("4568", "C_DROP"));

    // Configured the way an analytics team would configure it: by class name and properties.
    Properties producerProps = new Properties();
    producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
    producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class.getName());
    producerProps.put(RegistryClientConfig.URL_CONFIG, infra.registryUrl());
    try (KafkaProducer<String, CallEvent> producer = new KafkaProducer<>(producerProps)) {
      for (CallEvent e : sent) {
        producer.send(new ProducerRecord<>(topic, e.getConnectNum(), e)).get();
      }
    }

    List<ConsumerRecord<String, byte[]>> raw = consume(infra, topic, new ByteArrayDeserializer(), sent.size());
    assertThat(raw).hasSize(3);
    int schemaId = -1;
    for (ConsumerRecord<String, byte[]> r : raw) {
      assertThat(r.value()[0]).as("magic byte").isZero();
      int id = ByteBuffer.wrap(r.value(), 1, 4).getInt();
      assertThat(schemaId == -1 || id == schemaId).as("one schema id for one schema").isTrue();
      schemaId = id;
    }

    // Independently of our client: the registry's Confluent endpoint gives back the same schema.
    HttpResponse<String> bySchemaId = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(infra.registryUrl() + "/schemas/ids/" + schemaId)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(bySchemaId.statusCode()).isEqualTo(200);
    Schema registered = new Schema.Parser().parse(JSON.readTree(bySchemaId.body()).get("schema").asText());
    assertThat(registered).isEqualTo(CallEvent.getClassSchema());

    HttpResponse<String> versions = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(infra.registryUrl() + "/subjects/" + topic + "-value/versions")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(versions.body()).as("registered under TopicNameStrategy").isEqualTo("[1]");

    SchemaRegistryClient registry = SchemaRegistryClient.forUrl(infra.registryUrl());
    List<CallEvent> received = consume(infra, topic, new AvroDeserializer<>(registry, CallEvent.class), 3)
        .stream().map(ConsumerRecord::value).toList();
    assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
  }

  @Test
  void aDeserializerConfiguredByPropertiesReturnsTheGeneratedClass(LocalInfra infra) throws Exception {
    String topic = newTopic(infra, "serde-by-config");
    SchemaRegistryClient registry = SchemaRegistryClient.forUrl(infra.registryUrl());
    CallEvent event = event("5001", "C_CALLEND");
    produce(infra, topic, new AvroSerializer<>(registry, false), event);

    AvroDeserializer<Object> byConfig = new AvroDeserializer<>();
    byConfig.configure(Map.of(RegistryClientConfig.URL_CONFIG, infra.registryUrl()), false);
    assertThat(consume(infra, topic, byConfig, 1).get(0).value()).isEqualTo(event);

    AvroDeserializer<Object> generic = new AvroDeserializer<>();
    generic.configure(Map.of(RegistryClientConfig.URL_CONFIG, infra.registryUrl(),
        AvroSerdeConfig.SPECIFIC_AVRO_READER, "false"), false);
    Object value = consume(infra, topic, generic, 1).get(0).value();
    assertThat(value).isInstanceOf(GenericRecord.class);
    assertThat(((GenericRecord) value).get("event_name_s").toString()).isEqualTo("C_CALLEND");
  }

  @Test
  void recordsWrittenWithAnOlderSchemaAreReadIntoTodaysClass(LocalInfra infra) throws Exception {
    String topic = newTopic(infra, "serde-evolution");
    // An older producer that knew no 'split', 'cause' or 'attributes'.
    Schema older = SchemaBuilder.record("CallEvent").namespace("com.callcentre.events.avro").fields()
        .requiredString("event_uuid")
        .name("source").type().enumeration("EventSource").symbols("SWITCH", "DIALER").noDefault()
        .requiredString("event_name_s")
        .requiredString("connect_num")
        .name("event_time").type(timestampMillis()).noDefault()
        .name("ingest_time").type(timestampMillis()).noDefault()
        .endRecord();
    GenericRecord old = new GenericData.Record(older);
    old.put("event_uuid", "old-1");
    old.put("source", new GenericData.EnumSymbol(older.getField("source").schema(), "DIALER"));
    old.put("event_name_s", "C_CONNECTED");
    old.put("connect_num", "4570");
    old.put("event_time", 1_700_000_000_000L);
    old.put("ingest_time", 1_700_000_000_500L);
    SchemaRegistryClient registry = SchemaRegistryClient.forUrl(infra.registryUrl());
    produce(infra, topic, new AvroSerializer<GenericRecord>(registry, false), old);

    CallEvent read = consume(infra, topic, new AvroDeserializer<>(registry, CallEvent.class), 1).get(0).value();

    assertThat(read.getEventUuid()).isEqualTo("old-1");
    assertThat(read.getSource()).isEqualTo(EventSource.DIALER);
    assertThat(read.getEventTime()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
    assertThat(read.getSplit()).isNull();
    assertThat(read.getAttributes()).isEmpty();
  }

  @Test
  void anIncompatibleSchemaIsRefusedByTheRegistryWithAClearError(LocalInfra infra) throws Exception {
    String subject = "serde-incompatible-" + UUID.randomUUID() + "-value";
    SchemaRegistryClient registry = SchemaRegistryClient.forUrl(infra.registryUrl());
    registry.register(subject, CallEvent.getClassSchema());
    registry.setCompatibility(subject, CompatibilityLevel.BACKWARD);
    Schema breaking = withField(CallEvent.getClassSchema(), "event_name_s", "{\"name\":\"event_name_s\",\"type\":\"int\"}");

    assertThat(registry.isCompatibleWithLatest(subject, breaking)).isFalse();
    assertThatThrownBy(() -> registry.register(subject, breaking))
        .isInstanceOf(IncompatibleSchemaException.class)
        .hasMessageContaining("HTTP 409")
        .hasMessageContaining("INT not compatible with writer type: STRING");

    // A compatible evolution (a new optional field) is still accepted.
    Schema compatible = withField(CallEvent.getClassSchema(), "queue", "{\"name\":\"queue\",\"type\":[\"null\",\"string\"],\"default\":null}");
    assertThat(registry.register(subject, compatible)).isPositive();
  }

  @Test
  void theSerializerReportsARefusedSchemaAsASerializationException(LocalInfra infra) throws Exception {
    String topic = newTopic(infra, "serde-refused");
    SchemaRegistryClient registry = SchemaRegistryClient.forUrl(infra.registryUrl());
    registry.register(topic + "-value", CallEvent.getClassSchema());
    registry.setCompatibility(topic + "-value", CompatibilityLevel.BACKWARD);
    Schema unrelated = SchemaBuilder.record("Other").fields().requiredInt("n").endRecord();
    GenericRecord record = new GenericData.Record(unrelated);
    record.put("n", 1);

    assertThatThrownBy(() -> new AvroSerializer<GenericRecord>(registry, false).serialize(topic, record))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("cannot register Other under " + topic + "-value")
        .hasMessageContaining("409");
  }

  @Test
  void garbageOnATopicIsASerializationExceptionNamingTheTopic(LocalInfra infra) throws Exception {
    String topic = newTopic(infra, "serde-garbage");
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
    try (var producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, "4567", new byte[] {0, 0x7f, 0x7f, 0x7f, 0x7f, 1, 2})).get();
    }
    SchemaRegistryClient registry = SchemaRegistryClient.forUrl(infra.registryUrl());
    byte[] value = consume(infra, topic, new ByteArrayDeserializer(), 1).get(0).value();

    assertThatThrownBy(() -> new AvroDeserializer<>(registry, CallEvent.class).deserialize(topic, value))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("record on " + topic + " names schema id 2139062143");
  }

  /** The schema with one field replaced (or added, if no field has that name). */
  private static Schema withField(Schema schema, String name, String fieldJson) throws Exception {
    var root = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(schema.toString());
    var fields = (com.fasterxml.jackson.databind.node.ArrayNode) root.get("fields");
    var replacement = JSON.readTree(fieldJson);
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).get("name").asText().equals(name)) {
        fields.set(i, replacement);
        return new Schema.Parser().parse(root.toString());
      }
    }
    fields.add(replacement);
    return new Schema.Parser().parse(root.toString());
  }

  private static Schema timestampMillis() {
    return org.apache.avro.LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
  }

  static CallEvent event(String extension, String name) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    return CallEvent.newBuilder()
        .setEventUuid(UUID.randomUUID().toString())
        .setSource(EventSource.SWITCH)
        .setEventNameS(name)
        .setConnectNum(extension)
        .setCallingNum("3035551212")
        .setVdn("4500")
        .setUcid("00001002501700000000")
        .setCallId(1002L)
        .setEventTime(now)
        .setIngestTime(now.plusMillis(2))
        .setAttributes(Map.of("campaign", "renewals"))
        .build();
  }

  private static String newTopic(LocalInfra infra, String prefix) throws Exception {
    String name = prefix + "-" + UUID.randomUUID();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", infra.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(name, Optional.of(1), Optional.empty()))).all().get();
    }
    return name;
  }

  private static <V> void produce(LocalInfra infra, String topic,
      org.apache.kafka.common.serialization.Serializer<V> serializer, V value) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
    try (var producer = new KafkaProducer<>(p, new StringSerializer(), serializer)) {
      producer.send(new ProducerRecord<>(topic, "k", value)).get();
    }
  }

  private static <V> List<ConsumerRecord<String, V>> consume(LocalInfra infra, String topic,
      Deserializer<V> deserializer, int expected) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, V>> records = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), deserializer)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }
}
