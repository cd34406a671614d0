package com.callcentre.events.dialer.intake;

import com.callcentre.events.dialer.publish.EventPublisher;
import com.callcentre.events.runtime.kafka.DeadLetters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The path every dialer message takes, whichever channel it came by: validate, publish (or
 * dead-letter), and answer within the reply timeout. The returned future always completes
 * normally, with the outcome to report.
 */
public final class IntakePipeline {
  private final DialerMessageParser parser;
  private final EventPublisher publisher;
  private final DeadLetters deadLetters;
  private final Duration replyTimeout;
  private final MeterRegistry metrics;

  public IntakePipeline(DialerMessageParser parser, EventPublisher publisher, DeadLetters deadLetters,
      Duration replyTimeout, MeterRegistry metrics) {
    this.parser = parser;
    this.publisher = publisher;
    this.deadLetters = deadLetters;
    this.replyTimeout = replyTimeout;
    this.metrics = metrics;
  }

  public CompletableFuture<Outcome> submit(byte[] payload, String channel, Map<String, byte[]> headers) {
    long started = System.nanoTime();
    String origin = "ingest-dialer." + channel;
    CompletableFuture<Outcome> outcome = switch (parser.parse(payload, Instant.now())) {
      case Verdict.Valid valid -> {
        String uuid = valid.event().getEventUuid();
        yield publisher.publish(valid.event(), payload, origin)
            .<Outcome>thenApply(ignored -> new Outcome.Accepted(uuid))
            .exceptionally(IntakePipeline::sendFailure)
            .completeOnTimeout(new Outcome.NotAcknowledged(uuid, "Kafka did not acknowledge within "
                + replyTimeout.toMillis() + " ms; event " + uuid + " stays queued and will be delivered"),
                replyTimeout.toMillis(), TimeUnit.MILLISECONDS);
      }
      case Verdict.Invalid invalid -> deadLetters
          .send(new DeadLetters.Rejection(origin, invalid.reason(), invalid.detail(), payload, headers))
          .handle((ignored, error) -> (Outcome) new Outcome.Rejected(invalid.reason(), invalid.detail()))
          .completeOnTimeout(new Outcome.Rejected(invalid.reason(), invalid.detail()), replyTimeout.toMillis(), TimeUnit.MILLISECONDS);
    };
    return outcome.whenComplete((result, ignored) -> record(channel, result, started));
  }

  private static Outcome sendFailure(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof RejectedExecutionException) {
      return new Outcome.Rejected("overloaded", cause.getMessage());
    }
    return new Outcome.Rejected("kafka_error", "Kafka refused the event (kept in the dead-letter topic): " + cause);
  }

  private void record(String channel, Outcome outcome, long startedNanos) {
    String kind;
    String reason;
    switch (outcome) {
      case Outcome.Accepted a -> { kind = "accepted"; reason = "none"; }
      case Outcome.Rejected r -> { kind = "rejected"; reason = r.reason(); }
      case Outcome.NotAcknowledged n -> { kind = "not_acknowledged"; reason = "timeout"; }
    }
    Counter.builder("dialer_messages").description("Dialer messages by channel and outcome")
        .tags("channel", channel, "outcome", kind, "reason", reason).register(metrics).increment();
    Timer.builder("dialer_reply_latency").description("Receipt of a message to its reply")
        .tags("channel", channel).publishPercentileHistogram().register(metrics)
        .record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
  }
}
