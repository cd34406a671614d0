package com.callcentre.events.loadharness.measure;

import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.serde.AvroDeserializer;
import com.callcentre.events.schemas.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What every subscriber should have ended with: the last committed sequence of each extension on
 * {@code extension-events.v1}, read from the topic itself, not from an edge.
 */
public final class SequenceTruth {
  private SequenceTruth() {}

  public static Map<String, Long> lastSequences(String bootstrapServers, String registryUrl) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Map<String, Long> last = new HashMap<>();
    try (KafkaConsumer<String, ExtensionEvent> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
        new AvroDeserializer<>(SchemaRegistryClient.forUrl(registryUrl), ExtensionEvent.class))) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.EXTENSION_EVENTS.name()).stream()
          .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read extension-events.v1 to its end within 2 minutes");
        }
        for (ConsumerRecord<String, ExtensionEvent> r : consumer.poll(Duration.ofMillis(200))) {
          last.merge(r.key(), r.value().getSeq(), Math::max);
        }
      }
    }
    return last;
  }
}
