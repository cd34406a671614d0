package com.callcentre.events.edge.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.IntFunction;

/** The edge benchmark's client: one held long-poll per connection and round, and when each was answered. */
interface HoldingClient extends AutoCloseable {
  /** Sends every connection's long-poll of this round; connection {@code i} asks for {@code pathOf(i)}. */
  void hold(int round, IntFunction<String> pathOf) throws Exception;

  /** Waits for every answer of the round and times them. */
  Answers answers(Duration timeout) throws Exception;

  /**
   * A round's answers: from each event's {@code ingest_time} to its answer's arrival (sorted), and
   * from the round's first event to its last answer. The edge benchmark's events are made one after
   * the other, so the span also counts the time the edge took to take all of them in.
   */
  record Answers(long[] latenciesNs, long spanNs) {
    static Answers of(long[] ingestEpochNanos, long[] arrivalEpochNanos) {
      long[] latencies = new long[ingestEpochNanos.length];
      long firstEvent = Long.MAX_VALUE;
      long lastAnswer = Long.MIN_VALUE;
      for (int i = 0; i < latencies.length; i++) {
        latencies[i] = arrivalEpochNanos[i] - ingestEpochNanos[i];
        firstEvent = Math.min(firstEvent, ingestEpochNanos[i]);
        lastAnswer = Math.max(lastAnswer, arrivalEpochNanos[i]);
      }
      Arrays.sort(latencies);
      return new Answers(latencies, lastAnswer - firstEvent);
    }

    static long epochNanos(Instant t) {
      return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
  }
}
