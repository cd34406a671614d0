package com.callcentre.events.switchreader;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.retry.RetryPolicy;
import com.callcentre.events.runtime.kafka.DeadLetters;
import com.callcentre.events.runtime.kafka.KafkaSettings;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.topics.Topics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the readers read: decoded events, every raw buffer, and dead letters. Sends block
 * when the producer's bounded buffer is full, which stops the blocking reads: a stalled broker
 * slows the readers down instead of growing the heap, and nothing read is dropped.
 */
final class SwitchPublisher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SwitchPublisher.class);

  /**
   * One producer for both topics: every event goes with its raw buffer, so one producer fills one
   * request with both instead of two producers sending two (half the broker's requests).
   */
  private final KafkaProducer<String, byte[]> producer;
  /** The producer's own metrics on /metrics: request rate and latency, errors, retries, buffer. */
  private final KafkaClientMetrics producerMetrics;
  private final Serializer<CallEvent> eventSerializer;
  private final DeadLetters deadLetters;
  private volatile boolean running = true;
  private static final RetryPolicy SEND_RETRY = RetryPolicy.doubling(Duration.ofMillis(100), Duration.ofSeconds(5));

  SwitchPublisher(KafkaSettings kafka, SchemaRegistryClient registry, io.micrometer.core.instrument.MeterRegistry meters) {
    this.producer = new KafkaProducer<>(kafka.reliableProducer("ingest-switch"), new StringSerializer(), new ByteArraySerializer());
    this.producerMetrics = new KafkaClientMetrics(producer);
    producerMetrics.bindTo(meters);
    this.eventSerializer = Topics.SWITCH_EVENTS.valueSerde(registry).serializer();
    this.deadLetters = new DeadLetters(kafka, registry, "ingest-switch", meters);
  }

  void raw(String vdn, byte[] buffer, RecordHeaders headers) {
    sendUntilAccepted(() -> producer.send(new ProducerRecord<>(Topics.RAW_ASAI.name(), null, vdn, buffer, headers),
        (md, e) -> logFailure("raw buffer", vdn, e)));
  }

  void event(CallEvent event) {
    sendUntilAccepted(() -> producer.send(new ProducerRecord<>(Topics.SWITCH_EVENTS.name(), event.getConnectNum(),
            eventSerializer.serialize(Topics.SWITCH_EVENTS.name(), event)),
        (md, e) -> logFailure("event " + event.getEventUuid(), event.getConnectNum(), e)));
  }

  void deadLetter(String vdn, String reason, String detail, byte[] buffer, RecordHeaders headers) {
    Map<String, byte[]> h = new java.util.HashMap<>();
    headers.forEach(header -> h.put(header.key(), header.value()));
    deadLetters.send(new DeadLetters.Rejection("ingest-switch.vdn-" + vdn, reason, detail, buffer, h));
  }

  /** Retries while the broker cannot take the record yet (metadata, full buffer), as long as we run. */
  private void sendUntilAccepted(Runnable send) {
    SEND_RETRY.call(() -> "handing a switch record to Kafka", () -> {
      send.run();
      return null;
    }, e -> e instanceof RetriableException, () -> running);
  }

  private static void logFailure(String what, String key, Exception e) {
    if (e != null) {
      log.error("{} for {} was not delivered: {}", what, key, e.toString());
    }
  }

  @Override
  public void close() {
    running = false;
    producerMetrics.close();
    producer.close(Duration.ofSeconds(30));
    deadLetters.close();
  }
}
