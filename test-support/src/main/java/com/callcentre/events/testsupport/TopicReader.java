package com.callcentre.events.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from the beginning, without a consumer group, keeping the records a test cares
 * about, until it has what it waits for or the time is up. Tests share one broker, so they filter.
 */
public final class TopicReader {
  private TopicReader() {}

  public static <V> List<ConsumerRecord<String, V>> read(String bootstrapServers, String topic, Deserializer<V> values,
      Predicate<ConsumerRecord<String, V>> keep, Predicate<List<ConsumerRecord<String, V>>> enough, Duration timeout) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    // What downstream consumers see: never records of aborted transactions.
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<String, V>> kept = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), values)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!enough.test(kept) && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
          if (keep.test(r)) {
            kept.add(r);
          }
        }
      }
    }
    return kept;
  }

  /** Reads until {@code count} matching records are there (or the time is up). */
  public static <V> List<ConsumerRecord<String, V>> readCount(String bootstrapServers, String topic,
      Deserializer<V> values, Predicate<ConsumerRecord<String, V>> keep, int count, Duration timeout) {
    return read(bootstrapServers, topic, values, keep, list -> list.size() >= count, timeout);
  }
}
