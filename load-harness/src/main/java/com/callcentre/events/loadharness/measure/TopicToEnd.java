package com.callcentre.events.loadharness.measure;

import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.serde.AvroDeserializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads an Avro topic from its beginning to its present end (committed records only), key and value to a callback. */
public final class TopicToEnd {
  private static final Duration LIMIT = Duration.ofMinutes(2);

  private TopicToEnd() {}

  public static <V> void read(String bootstrapServers, String registryUrl, String topic, Class<V> type,
      BiConsumer<String, V> each) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
        new AvroDeserializer<>(SchemaRegistryClient.forUrl(registryUrl), type))) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + LIMIT.toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end within " + LIMIT);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(r -> each.accept(r.key(), r.value()));
      }
    }
  }
}
