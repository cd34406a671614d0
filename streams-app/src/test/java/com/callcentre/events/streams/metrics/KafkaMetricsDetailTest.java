package com.callcentre.events.streams.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class KafkaMetricsDetailTest {
  /** Names and tags as Micrometer's Kafka binders make them: group (less "-metrics") and name, dots for dashes. */
  private static void registerKafkaLike(MeterRegistry registry) {
    gauge(registry, "kafka.stream.alive.stream.threads", "client.id", "app");
    gauge(registry, "kafka.stream.thread.commit.latency.avg", "thread.id", "app-StreamThread-1");
    gauge(registry, "kafka.consumer.fetch.manager.records.lag.max", "client.id", "app-StreamThread-1-consumer");
    gauge(registry, "kafka.producer.record.send.rate", "client.id", "app-StreamThread-1-producer");
    gauge(registry, "kafka.stream.state.block.cache.usage", "rocksdb.state.id", "extension-state-store");
    gauge(registry, "kafka.stream.processor.node.record.e2e.latency.max", "processor.node.id", "extension-events");
    gauge(registry, "kafka.stream.task.process.rate", "task.id", "0_1");
    gauge(registry, "kafka.stream.topic.records.produced.total", "topic", "extension-events.v1");
    gauge(registry, "kafka.consumer.fetch.manager.records.lag.max", "client.id", "app-StreamThread-1-consumer",
        "topic", "call-events.switch.v1", "partition", "1");
    gauge(registry, "kafka.consumer.fetch.manager.records.lead.min", "client.id", "app-StreamThread-1-consumer",
        "topic", "call-events.switch.v1", "partition", "1");
    gauge(registry, "kafka.producer.topic.record.send.rate", "client.id", "app-StreamThread-1-producer",
        "topic", "extension-events.v1");
    gauge(registry, "streams.ingest.to.sequence.latency", "topic", "call-events.switch.v1"); // the app's own
  }

  private static void gauge(MeterRegistry registry, String name, String... tags) {
    Gauge.builder(name, () -> 1.0).tags(tags).register(registry);
  }

  private static List<String> exported(KafkaMetricsDetail detail) {
    MeterRegistry registry = new SimpleMeterRegistry();
    registry.config().meterFilter(detail.filter());
    registerKafkaLike(registry);
    return registry.getMeters().stream().map(Meter::getId)
        .map(id -> id.getName() + (id.getTag("partition") != null ? "[partition]" : id.getTag("topic") != null ? "[topic]" : ""))
        .collect(java.util.stream.Collectors.toCollection(TreeSet::new)).stream().toList();
  }

  @Test
  void byDefaultTheAppsThreadsClientsAndTopicsFiguresAndTheLagPerPartitionAreExported() {
    assertThat(exported(KafkaMetricsDetail.CLIENT)).containsExactly(
        "kafka.consumer.fetch.manager.records.lag.max",
        "kafka.consumer.fetch.manager.records.lag.max[partition]",
        "kafka.producer.record.send.rate",
        "kafka.producer.topic.record.send.rate[topic]",
        "kafka.stream.alive.stream.threads",
        "kafka.stream.thread.commit.latency.avg",
        "streams.ingest.to.sequence.latency[topic]");
  }

  @Test
  void allExportsEveryTaskNodeStoreTopicAndPartition() {
    assertThat(exported(KafkaMetricsDetail.ALL)).hasSize(12);
  }
}
