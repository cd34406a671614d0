package com.callcentre.events.loadharness.measure;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Counts committed records arriving on a topic from the moment it is made (transaction markers are not records). */
public final class RecordCounter implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;

  public RecordCounter(String bootstrapServers, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20_000);
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
    consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
        .map(i -> new TopicPartition(topic, i.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // fix the starting point now, before anything is sent
  }

  /** Reads until {@code expected} records came or the time is up; returns how many came. */
  public long awaitCount(long expected, Duration timeout) {
    long count = 0;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count < expected && System.nanoTime() < deadline) {
      count += consumer.poll(Duration.ofMillis(100)).count();
    }
    return count;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
