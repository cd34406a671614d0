package com.callcentre.events.dialer;

import static org.assertj.core.api.Assertions.assertThat;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.infra.EmbeddedKafka;
import com.callcentre.events.infra.LocalInfra;
import com.callcentre.events.testsupport.SharedInfra;
import com.callcentre.events.testsupport.TopicReader;
import com.callcentre.events.runtime.kafka.KafkaSettings;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.serde.AvroDeserializer;
import com.callcentre.events.schemas.topics.TopicProvisioner;
import com.callcentre.events.schemas.topics.TopicSettings;
import com.callcentre.events.schemas.topics.Topics;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With no broker reachable the intake still answers every injector within the reply timeout, and
 * the events it could not yet deliver reach Kafka once a broker appears.
 */
class StalledBrokerIT {
  @TempDir
  Path dir;

  @Test
  void injectorsGetABoundedErrorAndTheEventsAreDeliveredWhenTheBrokerComesBack() throws Exception {
    LocalInfra shared = SharedInfra.get();
    int kafkaPort;
    try (ServerSocket s = new ServerSocket(0)) {
      kafkaPort = s.getLocalPort();
    }
    KafkaSettings notYetThere = new KafkaSettings("127.0.0.1:" + kafkaPort, shared.registryUrl());
    try (DialerService service = DialerService.start(DialerIntakeIT.config(notYetThere, Duration.ofMillis(800)))) {
      long started = System.nanoTime();
      String first;
      String second;
      try (DialerIntakeIT.Injector injector = new DialerIntakeIT.Injector(service.zmqEndpoint())) {
        first = injector.send("{\"connect_num\" : \"5551\",\"event_name_s\" : \"C_CONNECTED\"}".getBytes(StandardCharsets.UTF_8));
        second = injector.send("{\"connect_num\" : \"5551\",\"event_name_s\" : \"C_DROP\"}".getBytes(StandardCharsets.UTF_8));
      }
      Duration bothAnswered = Duration.ofNanos(System.nanoTime() - started);

      assertThat(first).startsWith("ERROR not_acknowledged: ").contains("stays queued");
      assertThat(second).startsWith("ERROR not_acknowledged: ");
      assertThat(bothAnswered).as("two replies, each bounded by the 800 ms timeout").isLessThan(Duration.ofSeconds(5));

      try (EmbeddedKafka kafka = EmbeddedKafka.start(new EmbeddedKafka.Config(dir, kafkaPort, 0, "384m"))) {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()))) {
          TopicProvisioner.ensureTopics(admin, TopicSettings.defaults(), Topics.ALL);
        }
        List<CallEvent> delivered = TopicReader.readCount(kafka.bootstrapServers(), Topics.DIALER_EVENTS.name(),
                new AvroDeserializer<CallEvent>(SchemaRegistryClient.forUrl(shared.registryUrl()), CallEvent.class),
                r -> true, 2, Duration.ofSeconds(60))
            .stream().map(ConsumerRecord::value).toList();

        assertThat(delivered).extracting(CallEvent::getEventNameS).containsExactly("C_CONNECTED", "C_DROP");
        assertThat(first).contains(delivered.get(0).getEventUuid());
        assertThat(second).contains(delivered.get(1).getEventUuid());
      }
    }
  }
}
