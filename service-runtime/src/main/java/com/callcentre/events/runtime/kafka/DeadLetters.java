package com.callcentre.events.runtime.kafka;

import com.callcentre.events.avro.DeadLetter;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.topics.Topics;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import com.callcentre.events.runtime.ops.DeadLetterMeter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes rejected input to the dead-letter topic, whole, with the reason. If even that write
 * fails, the payload is logged at ERROR so it is still recoverable from the logs.
 *
 * <p>Sends run on a thread of their own: a producer's send can block (waiting for metadata or a
 * schema registration), and the threads that reject input (a 0MQ socket, a switch reader) must
 * keep answering meanwhile.
 */
public final class DeadLetters implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

  private final KafkaProducer<String, DeadLetter> producer;
  private final java.util.concurrent.ThreadPoolExecutor sender;
  private final MeterRegistry meters;

  public DeadLetters(KafkaSettings kafka, SchemaRegistryClient registry, String clientId, MeterRegistry meters) {
    this.meters = meters;
    this.producer = new KafkaProducer<>(kafka.reliableProducer(clientId + "-dlq"),
        Topics.DEAD_LETTER.keySerde(registry).serializer(), Topics.DEAD_LETTER.valueSerde(registry).serializer());
    this.sender = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0, java.util.concurrent.TimeUnit.MILLISECONDS,
        new java.util.concurrent.ArrayBlockingQueue<>(10_000), r -> {
          Thread t = new Thread(r, clientId + "-dead-letters");
          t.setDaemon(true);
          return t;
        });
  }

  /** One rejected input. {@code origin} says which stage and channel refused it. */
  public record Rejection(String origin, String reason, String detail, byte[] payload, Map<String, byte[]> headers) {
    public static Rejection of(String origin, String reason, String detail, byte[] payload) {
      return new Rejection(origin, reason, detail, payload, Map.of());
    }
  }

  /** Completes when the dead letter is acknowledged by Kafka. */
  public CompletableFuture<Void> send(Rejection rejection) {
    return send(rejection, null, null, null);
  }

  public CompletableFuture<Void> send(Rejection r, String originTopic, Integer originPartition, Long originOffset) {
    Map<String, ByteBuffer> headers = new HashMap<>();
    r.headers().forEach((k, v) -> headers.put(k, ByteBuffer.wrap(v)));
    DeadLetter letter = DeadLetter.newBuilder()
        .setSource(r.origin())
        .setReason(r.reason())
        .setDetail(r.detail())
        .setPayload(ByteBuffer.wrap(r.payload()))
        .setHeaders(headers)
        .setOriginTopic(originTopic)
        .setOriginPartition(originPartition)
        .setOriginOffset(originOffset)
        .setRejectedTime(Instant.now())
        .build();
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      sender.execute(() -> {
        try {
          producer.send(new ProducerRecord<>(Topics.DEAD_LETTER.name(), r.origin(), letter), (metadata, error) -> {
            if (error != null) {
              logLost(r, error);
              done.completeExceptionally(error);
            } else {
              DeadLetterMeter.counter(meters, r.reason()).increment();
              done.complete(null);
            }
          });
        } catch (RuntimeException e) {
          logLost(r, e);
          done.completeExceptionally(e);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException full) {
      logLost(r, full);
      done.completeExceptionally(full);
    }
    return done;
  }

  private static void logLost(Rejection r, Throwable error) {
    log.error("dead letter could not be written ({}); keeping it here: origin={} reason={} detail={} payload(base64)={}",
        error.toString(), r.origin(), r.reason(), r.detail(), java.util.Base64.getEncoder().encodeToString(r.payload()));
  }

  @Override
  public void close() {
    sender.shutdown();
    try {
      sender.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(java.time.Duration.ofSeconds(10));
  }
}
