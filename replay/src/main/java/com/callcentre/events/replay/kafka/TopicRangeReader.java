package com.callcentre.events.replay.kafka;

import com.callcentre.events.replay.time.TimeRange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the records of one topic whose timestamps fall in a range. The brokers' offset-for-time
 * index finds where the range starts and ends in each partition, so a three-minute window in a
 * week of history reads three minutes of records, not the week. Every wait is bounded: a
 * partition that stops answering ends the read with {@link Cluster#unreachable()}.
 */
public final class TopicRangeReader {
  private final Cluster cluster;
  private final boolean progressBar;

  public TopicRangeReader(Cluster cluster, boolean progressBar) {
    this.cluster = cluster;
    this.progressBar = progressBar;
  }

  /** The topic's records in the range, in timestamp order across partitions (offset order within each). */
  public List<ConsumerRecord<byte[], byte[]>> read(String topic, TimeRange range) {
    List<TopicPartition> partitions = cluster.describe(topic).partitions().stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = cluster.consumer()) {
      consumer.assign(partitions);
      Map<TopicPartition, Long> start = offsetsAt(consumer, partitions, range.from().toEpochMilli());
      Map<TopicPartition, Long> end = offsetsAt(consumer, partitions, range.to().toEpochMilli());
      long total = 0;
      Map<TopicPartition, Long> remaining = new HashMap<>();
      for (TopicPartition tp : partitions) {
        long n = end.get(tp) - start.get(tp);
        if (n > 0) {
          consumer.seek(tp, start.get(tp));
          remaining.put(tp, end.get(tp));
          total += n;
        }
      }
      consumer.assign(remaining.keySet());
      try (Progress progress = Progress.start("reading " + topic, total, progressBar)) {
        long lastProgress = System.nanoTime();
        while (!remaining.isEmpty()) {
          ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(200));
          if (batch.isEmpty()) {
            if (System.nanoTime() - lastProgress > cluster.timeout().toNanos()) {
              throw cluster.unreachable();
            }
          } else {
            lastProgress = System.nanoTime();
          }
          for (ConsumerRecord<byte[], byte[]> r : batch) {
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            Long stop = remaining.get(tp);
            if (stop != null && r.offset() < stop && range.contains(r.timestamp())) {
              out.add(r);
            }
          }
          progress.step(batch.count());
          // Done with a partition once its position passes the range's end (transaction markers count too).
          for (TopicPartition tp : List.copyOf(remaining.keySet())) {
            if (consumer.position(tp, cluster.timeout()) >= remaining.get(tp)) {
              remaining.remove(tp);
            }
          }
          consumer.assign(remaining.keySet());
        }
      }
    }
    out.sort(java.util.Comparator.comparingLong(ConsumerRecord<byte[], byte[]>::timestamp)
        .thenComparingInt(ConsumerRecord::partition).thenComparingLong(ConsumerRecord::offset));
    return out;
  }

  /** The first offset at or after {@code epochMillis} per partition; the end offset where none is. */
  private Map<TopicPartition, Long> offsetsAt(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
      long epochMillis) {
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(tp -> query.put(tp, epochMillis));
    Map<TopicPartition, OffsetAndTimestamp> found;
    Map<TopicPartition, Long> ends;
    try {
      found = consumer.offsetsForTimes(query, cluster.timeout());
      ends = consumer.endOffsets(partitions, cluster.timeout());
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw cluster.unreachable();
    }
    Map<TopicPartition, Long> offsets = new HashMap<>();
    for (TopicPartition tp : partitions) {
      OffsetAndTimestamp at = found.get(tp);
      offsets.put(tp, at == null ? ends.get(tp) : at.offset());
    }
    return offsets;
  }
}
