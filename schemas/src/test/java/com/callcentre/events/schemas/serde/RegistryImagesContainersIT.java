package com.callcentre.events.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.schemas.registry.CompatibilityLevel;
import com.callcentre.events.schemas.registry.IncompatibleSchemaException;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same client and serdes against the registries' own container images: Confluent Schema
 * Registry (the reference implementation of the API) and Apicurio Registry, on the official
 * {@code apache/kafka} image. Needs a Docker engine; without one JUnit reports these tests as
 * skipped ("disabledWithoutDocker").
 */
@Testcontainers(disabledWithoutDocker = true)
class RegistryImagesContainersIT {
  private static final Network NETWORK = Network.newNetwork();
  private static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.0")
      .withNetwork(NETWORK)
      .withListener("kafka:19092");
  private static final GenericContainer<?> CONFLUENT = new GenericContainer<>("confluentinc/cp-schema-registry:7.9.0")
      .withNetwork(NETWORK)
      .withExposedPorts(8081)
      .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
      .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
      .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
      .waitingFor(Wait.forHttp("/subjects").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(2)));
  private static final GenericContainer<?> APICURIO = new GenericContainer<>("apicurio/apicurio-registry:3.0.6")
      .withExposedPorts(8080)
      .waitingFor(Wait.forHttp("/apis/ccompat/v7/subjects").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(2)));

  @BeforeAll
  static void start() {
    KAFKA.start();
    CONFLUENT.dependsOn(KAFKA).start();
    APICURIO.start();
  }

  @AfterAll
  static void stop() {
    APICURIO.stop();
    CONFLUENT.stop();
    KAFKA.stop();
    NETWORK.close();
  }

  static List<String> registryUrls() {
    return List.of(
        "http://" + CONFLUENT.getHost() + ":" + CONFLUENT.getMappedPort(8081),
        "http://" + APICURIO.getHost() + ":" + APICURIO.getMappedPort(8080) + "/apis/ccompat/v7");
  }

  @Test
  void eventsRoundTripThroughEachRegistry() {
    for (String url : registryUrls()) {
      String topic = "containers-" + UUID.randomUUID();
      CallEvent sent = AvroSerdeIT.event("4567", "C_CONNECTED");
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBootstrapServers());
      SchemaRegistryClient registry = SchemaRegistryClient.forUrl(url);
      try (var producer = new KafkaProducer<>(p, new StringSerializer(), new AvroSerializer<CallEvent>(registry, false))) {
        producer.send(new ProducerRecord<>(topic, "4567", sent)).get();
      } catch (Exception e) {
        throw new AssertionError("producing through " + url + " failed", e);
      }
      assertThat(consumeOne(topic, url)).as(url).isEqualTo(sent);
    }
  }

  @Test
  void eachRegistryRefusesAnIncompatibleChange() {
    for (String url : registryUrls()) {
      SchemaRegistryClient registry = SchemaRegistryClient.forUrl(url);
      String subject = "containers-incompatible-" + UUID.randomUUID() + "-value";
      Schema v1 = SchemaBuilder.record("Agent").fields().requiredString("id").endRecord();
      Schema v2 = SchemaBuilder.record("Agent").fields().requiredLong("id").endRecord();
      registry.register(subject, v1);
      registry.setCompatibility(subject, CompatibilityLevel.BACKWARD);

      assertThatThrownBy(() -> registry.register(subject, v2)).as(url).isInstanceOf(IncompatibleSchemaException.class);
    }
  }

  private static CallEvent consumeOne(String topic, String registryUrl) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "containers-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    AvroDeserializer<CallEvent> deserializer = new AvroDeserializer<>();
    deserializer.configure(Map.of("schema.registry.url", registryUrl), false);
    List<CallEvent> got = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), deserializer)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (got.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> got.add(r.value()));
      }
    }
    assertThat(got).as("one record from " + topic).hasSize(1);
    return got.get(0);
  }
}
