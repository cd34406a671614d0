package com.callcentre.events.edge.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.avro.ExtensionState;
import com.callcentre.events.infra.LocalInfra;
import com.callcentre.events.runtime.kafka.KafkaSettings;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.serde.AvroSerializer;
import com.callcentre.events.schemas.topics.TopicProvisioner;
import com.callcentre.events.schemas.topics.TopicSettings;
import com.callcentre.events.schemas.topics.Topics;
import com.callcentre.events.testsupport.SharedInfra;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.LongStream;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A starting edge builds every extension's window from {@code extension-events.v1} and every quiet
 * extension's latest from {@code extension-state.v1} (latest-only records and the whole-window
 * records older streams-apps wrote), steps over unreadable records, and then follows new events.
 */
class ReplicaFeederIT {
  private static LocalInfra infra;
  private static KafkaProducer<String, GenericContainer> producer;
  private static KafkaProducer<String, byte[]> raw;

  @BeforeAll
  static void start() throws Exception {
    infra = SharedInfra.get();
    TopicProvisioner.ensureAll(infra.bootstrapServers(), TopicSettings.defaults());
    KafkaSettings kafka = new KafkaSettings(infra.bootstrapServers(), infra.registryUrl());
    producer = new KafkaProducer<>(kafka.reliableProducer("feeder-it"), new StringSerializer(),
        new AvroSerializer<>(SchemaRegistryClient.forUrl(infra.registryUrl()), false));
    raw = new KafkaProducer<>(kafka.reliableProducer("feeder-it-raw"), new StringSerializer(), new ByteArraySerializer());
  }

  @AfterAll
  static void stop() {
    producer.close();
    raw.close();
  }

  private static String newExtension() {
    return "7" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
  }

  private static ExtensionEvent event(String ext, long seq) {
    return new ExtensionEvent(ext, seq, Instant.now(), Sequenced.call(ext, "E" + seq, "4500"));
  }

  private static void send(String topic, String ext, GenericContainer value) throws Exception {
    producer.send(new ProducerRecord<>(topic, ext, value)).get();
  }

  private static List<Long> window(ExtensionStateReplica replica, String ext) {
    return replica.get(ext).orElseThrow().getRecent().stream().map(ExtensionEvent::getSeq).toList();
  }

  @Test
  void anEdgeStartsWithWindowsAndLatestsThenFollowsTheEvents() throws Exception {
    String busy = newExtension();
    String quiet = newExtension();
    String legacy = newExtension();
    for (long seq = 1; seq <= 40; seq++) {
      ExtensionEvent e = event(busy, seq);
      send(Topics.EXTENSION_EVENTS.name(), busy, e);
      send(Topics.EXTENSION_STATE.name(), busy, new ExtensionState(busy, seq, e, List.of()));
    }
    raw.send(new ProducerRecord<>(Topics.EXTENSION_EVENTS.name(), busy, new byte[] {0, 0, 0, 0, 1, 42})).get();
    ExtensionEvent quietLatest = event(quiet, 12);
    send(Topics.EXTENSION_STATE.name(), quiet, new ExtensionState(quiet, 12L, quietLatest, List.of()));
    List<ExtensionEvent> legacyWindow = LongStream.rangeClosed(3, 5).mapToObj(seq -> event(legacy, seq)).toList();
    send(Topics.EXTENSION_STATE.name(), legacy, new ExtensionState(legacy, 5L, legacyWindow.get(2), legacyWindow));

    ExtensionStateReplica replica = new ExtensionStateReplica(32);
    try (ReplicaFeeder feeder = new ReplicaFeeder(new KafkaSettings(infra.bootstrapServers(), infra.registryUrl()),
        SchemaRegistryClient.forUrl(infra.registryUrl()), replica, Duration.ofMinutes(10))) {
      feeder.start();
      await().atMost(Duration.ofSeconds(60)).until(feeder::caughtUp);

      assertThat(window(replica, busy)).containsExactlyElementsOf(LongStream.rangeClosed(9, 40).boxed().toList());
      assertThat(replica.get(quiet).orElseThrow().getLatest().getSeq()).isEqualTo(12);
      assertThat(window(replica, quiet)).containsExactly(12L);
      assertThat(window(replica, legacy)).containsExactly(3L, 4L, 5L);
      assertThat((Long) feeder.status().get("skipped_bad_records")).isGreaterThanOrEqualTo(1L);

      send(Topics.EXTENSION_EVENTS.name(), busy, event(busy, 41));
      send(Topics.EXTENSION_EVENTS.name(), legacy, event(legacy, 6));
      await().atMost(Duration.ofSeconds(30)).until(() -> replica.get(busy).orElseThrow().getSeq() == 41
          && replica.get(legacy).orElseThrow().getSeq() == 6);
      assertThat(window(replica, busy)).hasSize(32).endsWith(40L, 41L);
      assertThat(window(replica, legacy)).containsExactly(3L, 4L, 5L, 6L);
    }
  }
}
