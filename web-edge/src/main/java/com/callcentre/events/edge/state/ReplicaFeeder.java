package com.callcentre.events.edge.state;

import com.callcentre.events.runtime.kafka.KafkaSettings;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.topics.TopicSpec;
import com.callcentre.events.schemas.topics.Topics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the replica equal to what the streams-app has committed (no consumer group: every edge
 * wants everything; read_committed). It starts in three steps and then follows the events:
 * <ol>
 *   <li>{@code extension-events.v1} from {@code lookback} before the start to its end: the recent
 *       windows of every extension that moved in that time;</li>
 *   <li>{@code extension-state.v1} from the beginning to its end: every extension's latest event,
 *       quiet ones included (it is compacted: one record per extension);</li>
 *   <li>{@code extension-events.v1} on from where step 1 stopped, for as long as the edge runs.</li>
 * </ol>
 * The edge is ready after step 2. An extension that moved between steps 1 and 2 starts with a
 * shorter window (a subscriber resuming before it is told of a gap).
 */
public final class ReplicaFeeder implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReplicaFeeder.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final ExtensionStateReplica replica;
  private final Duration lookback;
  private final Deserializer<com.callcentre.events.avro.ExtensionEvent> events;
  private final Deserializer<com.callcentre.events.avro.ExtensionState> states;
  private final Function<byte[], com.callcentre.events.avro.ExtensionEvent> decodeEvent = this::decodeEvent;
  private final Thread thread;
  private final AtomicLong applied = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private volatile boolean caughtUp;
  private volatile boolean running = true;
  private volatile String lastError = "";
  private KafkaClientMetrics clientMetrics;

  public ReplicaFeeder(KafkaSettings kafka, SchemaRegistryClient registry, ExtensionStateReplica replica, Duration lookback) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // Answered as soon as a commit makes events readable. Waiting for 64 KiB (never reached at
    // 1,000 events/s) held every fetch its full 10 ms: 5 ms more at the median from sequenced to
    // the edge, for no less broker CPU (docs/benchmarks.md, #11, eighth round).
    p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
    // With a byte enough, a fetch returns the moment a commit's markers make events readable, so
    // its longest wait only decides how often an idle fetch comes back empty. At 10 ms the feeder
    // sent about 100 requests a second for 50 commits, at 500 ms 31, with the same latency
    // (docs/benchmarks.md, #11, twelfth round).
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "web-edge-state");
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    this.replica = replica;
    this.lookback = lookback;
    this.events = Topics.EXTENSION_EVENTS.valueSerde(registry).deserializer();
    this.states = Topics.EXTENSION_STATE.valueSerde(registry).deserializer();
    this.thread = new Thread(this::run, "state-feeder");
  }

  public void start() {
    thread.start();
  }

  /**
   * Exports the feeder's consumer (its lag behind the topics above all) and how many records it
   * applied and skipped.
   */
  public void bindMetrics(MeterRegistry registry) {
    clientMetrics = new KafkaClientMetrics(consumer);
    clientMetrics.bindTo(registry);
    FunctionCounter.builder("edge_state_records_applied", applied, AtomicLong::get)
        .description("Event and state records applied to the replica").register(registry);
    FunctionCounter.builder("edge_state_records_skipped", skipped, AtomicLong::get)
        .description("Unreadable records stepped over").register(registry);
  }

  public boolean caughtUp() {
    return caughtUp;
  }

  public Map<String, Object> status() {
    return Map.of("caught_up", caughtUp, "applied", applied.get(), "skipped_bad_records", skipped.get(),
        "last_error", lastError);
  }

  private void run() {
    try {
      List<TopicPartition> eventPartitions = partitionsOf(Topics.EXTENSION_EVENTS);
      consumer.assign(eventPartitions);
      seekToTime(eventPartitions, Instant.now().minus(lookback));
      readToEnd(eventPartitions, this::applyEvent);
      Map<TopicPartition, Long> resumeAt = new HashMap<>();
      eventPartitions.forEach(tp -> resumeAt.put(tp, consumer.position(tp)));

      List<TopicPartition> statePartitions = partitionsOf(Topics.EXTENSION_STATE);
      consumer.assign(statePartitions);
      consumer.seekToBeginning(statePartitions);
      readToEnd(statePartitions, this::applyState);

      consumer.assign(eventPartitions);
      resumeAt.forEach(consumer::seek);
      caughtUp = true;
      log.info("state replica caught up: {} extensions", replica.extensionCount());
      while (running) {
        poll(this::applyEvent);
      }
    } catch (WakeupException stopping) {
      // closing
    } catch (RuntimeException e) {
      lastError = e.toString();
      log.error("state feeder stopped", e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private List<TopicPartition> partitionsOf(TopicSpec<?, ?> topic) {
    return consumer.partitionsFor(topic.name(), Duration.ofMinutes(5)).stream()
        .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
  }

  private void seekToTime(List<TopicPartition> partitions, Instant from) {
    Map<TopicPartition, Long> at = new HashMap<>();
    partitions.forEach(tp -> at.put(tp, from.toEpochMilli()));
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(at);
    for (TopicPartition tp : partitions) {
      OffsetAndTimestamp o = found.get(tp);
      if (o == null) {
        consumer.seekToEnd(List.of(tp)); // nothing that recent
      } else {
        consumer.seek(tp, o.offset());
      }
    }
  }

  private void readToEnd(List<TopicPartition> partitions, Consumer<ConsumerRecord<String, byte[]>> apply) {
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    while (running && !end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
      poll(apply);
    }
  }

  private void poll(Consumer<ConsumerRecord<String, byte[]>> apply) {
    try {
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
        if (r.value() == null) {
          continue;
        }
        try {
          apply.accept(r);
          applied.incrementAndGet();
        } catch (RuntimeException bad) {
          // Never stop serving for one bad record: note it and step over it.
          skip(r.topic() + "-" + r.partition(), r.offset(), bad);
        }
      }
    } catch (RecordDeserializationException bad) {
      skip(bad.topicPartition().toString(), bad.offset(), bad);
      consumer.seek(bad.topicPartition(), bad.offset() + 1);
    }
  }

  private void applyEvent(ConsumerRecord<String, byte[]> r) {
    replica.apply(events.deserialize(r.topic(), r.value()), r.value(), decodeEvent);
  }

  /** An event of a window, read back from the bytes it came in (on whichever thread catches up). */
  private com.callcentre.events.avro.ExtensionEvent decodeEvent(byte[] encoded) {
    return events.deserialize(Topics.EXTENSION_EVENTS.name(), encoded);
  }

  private void applyState(ConsumerRecord<String, byte[]> r) {
    replica.apply(states.deserialize(r.topic(), r.value()));
  }

  private void skip(String partition, long offset, RuntimeException why) {
    skipped.incrementAndGet();
    lastError = why.getMessage();
    log.warn("skipping unreadable record at {} offset {}: {}", partition, offset, why.getMessage());
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (clientMetrics != null) {
      clientMetrics.close();
    }
  }
}
