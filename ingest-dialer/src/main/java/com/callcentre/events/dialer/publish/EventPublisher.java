package com.callcentre.events.dialer.publish;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.retry.RetryPolicy;
import com.callcentre.events.runtime.kafka.DeadLetters;
import com.callcentre.events.runtime.kafka.KafkaSettings;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.registry.SchemaRegistryException;
import com.callcentre.events.schemas.topics.TopicSpec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands call events to an idempotent Kafka producer from one thread, in arrival order, behind a
 * bounded queue.
 *
 * <p>The queue is the retry queue: while the broker or the registry is unreachable, the head
 * event is retried with doubling back-off instead of being dropped, and the intake threads never
 * block (they answer "not acknowledged yet" after their own bounded wait). When the queue is full
 * new events are refused at once, so a long outage cannot grow the heap. An event Kafka finally
 * rejects goes to the dead-letter topic with its original payload.
 */
public final class EventPublisher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);
  private static final RetryPolicy SEND_RETRY = RetryPolicy.doubling(Duration.ofMillis(100), Duration.ofSeconds(5));

  private record Pending(CallEvent event, byte[] payload, String origin, CompletableFuture<Void> acked) {}

  private final TopicSpec<String, CallEvent> topic;
  private final KafkaProducer<String, CallEvent> producer;
  /** The producer's own metrics on /metrics: request rate and latency, errors, retries, buffer. */
  private final KafkaClientMetrics producerMetrics;
  private final DeadLetters deadLetters;
  private final BlockingQueue<Pending> queue;
  private final Thread sender;
  private volatile boolean running = true;

  public EventPublisher(TopicSpec<String, CallEvent> topic, KafkaSettings kafka, SchemaRegistryClient registry,
      DeadLetters deadLetters, int queueCapacity, String clientId, MeterRegistry meters) {
    this.topic = topic;
    this.producer = new KafkaProducer<>(kafka.reliableProducer(clientId),
        topic.keySerde(registry).serializer(), topic.valueSerde(registry).serializer());
    this.producerMetrics = new KafkaClientMetrics(producer);
    producerMetrics.bindTo(meters);
    this.deadLetters = deadLetters;
    this.queue = new LinkedBlockingQueue<>(queueCapacity);
    this.sender = new Thread(this::sendLoop, clientId + "-publisher");
    this.sender.start();
  }

  /**
   * Queues an event; the future completes when Kafka has acknowledged it, or fails with
   * {@link RejectedExecutionException} at once if the queue is full.
   */
  public CompletableFuture<Void> publish(CallEvent event, byte[] payload, String origin) {
    CompletableFuture<Void> acked = new CompletableFuture<>();
    if (!running || !queue.offer(new Pending(event, payload, origin, acked))) {
      acked.completeExceptionally(new RejectedExecutionException(running
          ? "intake queue is full (" + queue.size() + " events waiting for Kafka); try again shortly"
          : "intake is shutting down"));
    }
    return acked;
  }

  public int queued() {
    return queue.size();
  }

  private void sendLoop() {
    while (running || !queue.isEmpty()) {
      Pending next;
      try {
        next = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (next != null) {
        sendWithRetry(next);
      }
    }
  }

  private void sendWithRetry(Pending p) {
    try {
      SEND_RETRY.call(() -> "handing event " + p.event().getEventUuid() + " to Kafka", () -> producer.send(
          new ProducerRecord<>(topic.name(), p.event().getConnectNum(), p.event()), (metadata, error) -> {
            if (error == null) {
              p.acked().complete(null);
            } else {
              deadLetter(p, "kafka_delivery_failed", error);
              p.acked().completeExceptionally(error);
            }
          }), EventPublisher::isTransient, () -> running);
    } catch (RuntimeException e) {
      deadLetter(p, "kafka_send_failed", e);
      p.acked().completeExceptionally(e);
    }
  }

  /** Broker metadata not there yet, or the registry unreachable: worth waiting for. */
  private static boolean isTransient(RuntimeException e) {
    if (e instanceof RetriableException) {
      return true;
    }
    if (e instanceof SerializationException && e.getCause() instanceof SchemaRegistryException sre) {
      return sre.httpStatus() == 0 || sre.httpStatus() >= 500 || sre.httpStatus() == 429;
    }
    return false;
  }

  private void deadLetter(Pending p, String reason, Throwable error) {
    log.error("event {} for extension {} not delivered: {}", p.event().getEventUuid(), p.event().getConnectNum(), error.toString());
    deadLetters.send(DeadLetters.Rejection.of(p.origin(), reason, error.toString(), p.payload()));
  }

  /** Stops taking events, sends what is queued (bounded), and closes the producer. */
  @Override
  public void close() {
    running = false;
    try {
      sender.join(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Pending> left = new ArrayList<>();
    queue.drainTo(left);
    for (Pending p : left) {
      log.error("shutting down with event {} still unsent; payload: {}", p.event().getEventUuid(),
          new String(p.payload(), java.nio.charset.StandardCharsets.UTF_8));
      p.acked().completeExceptionally(new RejectedExecutionException("intake shut down before Kafka acknowledged"));
    }
    producerMetrics.close();
    producer.close(Duration.ofSeconds(30));
  }
}
