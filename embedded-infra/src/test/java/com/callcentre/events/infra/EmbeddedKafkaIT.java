package com.callcentre.events.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker of its own (not the shared one), because this test kills it. */
class EmbeddedKafkaIT {
  @TempDir
  Path dir;

  @Test
  void acknowledgedRecordsSurviveSigkillAndRestart() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Config.ephemeral(dir))) {
      try (Admin admin = Admin.create(Map.<String, Object>copyOf(kafka.clientConfig()))) {
        admin.createTopics(List.of(new NewTopic("survivors", Optional.of(1), Optional.empty()))).all().get();
      }
      try (var producer = new KafkaProducer<>(producerProps(kafka), new StringSerializer(), new StringSerializer())) {
        for (int i = 0; i < 100; i++) {
          producer.send(new ProducerRecord<>("survivors", "ext-" + (i % 7), "event-" + i)).get();
        }
      }
      long firstPid = kafka.pid();

      kafka.kill();
      assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
      kafka.restart();

      assertThat(kafka.pid()).isNotEqualTo(firstPid);
      List<String> values = readAll(kafka, "survivors", 100);
      assertThat(values).hasSize(100).contains("event-0", "event-99");
    }
  }

  @Test
  void theBrokerRunsWithItsThreadsForTheMachineAndTheTuningOverThemAndCloseStopsIt() throws Exception {
    EmbeddedKafka kafka = EmbeddedKafka.start(new EmbeddedKafka.Config(dir, 0, 0, "512m", 1, Map.of("num.io.threads", "3")));
    try (Admin admin = Admin.create(Map.<String, Object>copyOf(kafka.clientConfig()))) {
      ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
      Config config = admin.describeConfigs(List.of(broker)).all().get().get(broker);
      assertThat(config.get("num.io.threads").value()).isEqualTo("3");
      assertThat(config.get("num.network.threads").value())
          .isEqualTo(EmbeddedKafka.threadsFor(Runtime.getRuntime().availableProcessors()).get("num.network.threads"));
    }
    long pid = kafka.pid();
    kafka.close();
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
  }

  private static Properties producerProps(EmbeddedKafka kafka) {
    Properties p = new Properties();
    p.putAll(kafka.clientConfig());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    return p;
  }

  private static List<String> readAll(EmbeddedKafka kafka, String topic, int expected) {
    Properties p = new Properties();
    p.putAll(kafka.clientConfig());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<String> values = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          values.add(r.value());
        }
      }
    }
    return values;
  }
}
