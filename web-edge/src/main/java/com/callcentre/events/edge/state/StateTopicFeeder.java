package com.callcentre.events.edge.state;

import com.callcentre.events.avro.ExtensionState;
import com.callcentre.events.runtime.kafka.KafkaSettings;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the replica equal to the compacted state topic: reads every partition from the beginning
 * (no consumer group: every edge wants everything), only committed records, and goes on reading.
 * The edge is ready once it has read up to where the topic ended when it started.
 */
public final class StateTopicFeeder implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StateTopicFeeder.class);

  private final KafkaConsumer<String, ExtensionState> consumer;
  private final ExtensionStateReplica replica;
  private final Thread thread;
  private final AtomicLong applied = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private volatile boolean caughtUp;
  private volatile boolean running = true;
  private volatile String lastError = "";
  private KafkaClientMetrics clientMetrics;

  public StateTopicFeeder(KafkaSettings kafka, SchemaRegistryClient registry, ExtensionStateReplica replica) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "web-edge-state");
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), Topics.EXTENSION_STATE.valueSerde(registry).deserializer());
    this.replica = replica;
    this.thread = new Thread(this::run, "state-feeder");
  }

  public void start() {
    thread.start();
  }

  /**
   * Exports the feeder's consumer (its lag behind the state topic above all) and how many records
   * it applied and skipped.
   */
  public void bindMetrics(MeterRegistry registry) {
    clientMetrics = new KafkaClientMetrics(consumer);
    clientMetrics.bindTo(registry);
    FunctionCounter.builder("edge_state_records_applied", applied, AtomicLong::get)
        .description("State records applied to the replica").register(registry);
    FunctionCounter.builder("edge_state_records_skipped", skipped, AtomicLong::get)
        .description("Unreadable state records stepped over").register(registry);
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
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.EXTENSION_STATE.name(), Duration.ofMinutes(5)).stream()
          .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (running) {
        try {
          for (ConsumerRecord<String, ExtensionState> r : consumer.poll(Duration.ofMillis(100))) {
            if (r.value() != null) {
              replica.apply(r.value());
              applied.incrementAndGet();
            }
          }
        } catch (RecordDeserializationException bad) {
          // Never stop serving for one bad record: note it and step over it.
          skipped.incrementAndGet();
          lastError = bad.getMessage();
          log.warn("skipping unreadable state record at {} offset {}: {}", bad.topicPartition(), bad.offset(), bad.getMessage());
          consumer.seek(bad.topicPartition(), bad.offset() + 1);
        }
        if (!caughtUp && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
          caughtUp = true;
          log.info("state replica caught up: {} extensions", replica.extensionCount());
        }
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
