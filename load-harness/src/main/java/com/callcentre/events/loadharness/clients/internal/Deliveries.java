package com.callcentre.events.loadharness.clients.internal;

import com.callcentre.events.loadharness.measure.Latencies;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/**
 * Everything a client process learns from the events it receives: latency by part (events whose
 * origin is inside the measured window only) and, for every event, whether it came in order, with
 * no gap and no repeat for its subscriber.
 */
public final class Deliveries {
  private final Latencies latencies = new Latencies();
  private final LongAdder received = new LongAdder();
  private final LongAdder measured = new LongAdder();
  private final LongAdder orderViolations = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder missing = new LongAdder();
  private final LongAdder gapMessages = new LongAdder();
  /** The same faults by protocol ("longpoll order_violations" to count), to tell which path caused them. */
  private final java.util.Map<String, LongAdder> faultsByProtocol = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile long measureFromMs = Long.MAX_VALUE;
  private volatile long measureUntilMs = Long.MAX_VALUE;

  /**
   * Latency from now on counts events that originated at or after {@code fromMs}, with no end until
   * {@link #measureUntil}; earlier figures are dropped.
   */
  public void measureFrom(long fromMs) {
    latencies.reset();
    measured.reset();
    measureUntilMs = Long.MAX_VALUE;
    measureFromMs = fromMs;
  }

  /** Ends the measured window: events that originated at or after {@code untilMs} are not measured. */
  public void measureUntil(long untilMs) {
    measureUntilMs = untilMs;
  }

  /**
   * One event as the subscriber received it: {@code event} is the flat legacy JSON.
   *
   * @return the sequence the subscriber has now seen up to
   */
  public long received(SubscriberState subscriber, long seq, JsonObject event, long receiptMicros) {
    received.increment();
    long last = subscriber.lastSeq;
    if (last >= 0) {
      if (seq == last) {
        duplicates.increment();
        fault(subscriber, "duplicates", 1);
        return last;
      }
      if (seq < last) {
        orderViolations.increment();
        fault(subscriber, "order_violations", 1);
        return last;
      }
      if (seq > last + 1) {
        missing.add(seq - last - 1);
        fault(subscriber, "missing", seq - last - 1);
      }
    }
    subscriber.lastSeq = seq;
    record(subscriber.protocol, event, receiptMicros);
    return seq;
  }

  private void fault(SubscriberState subscriber, String kind, long n) {
    faultsByProtocol.computeIfAbsent(subscriber.protocol + " " + kind, k -> new LongAdder()).add(n);
  }

  public void gapMessage() {
    gapMessages.increment();
  }

  private void record(String protocol, JsonObject e, long receiptMicros) {
    long origin = micros(e.getString("event_time"));
    if (origin < 0 || origin / 1000 < measureFromMs || origin / 1000 >= measureUntilMs) {
      return;
    }
    measured.increment();
    latencies.record(protocol, Latencies.Part.TOTAL, receiptMicros - origin);
    long ingest = micros(e.getString("ingest_time"));
    long sequenced = micros(e.getString("sequenced_time"));
    long edge = micros(e.getString("edge_time"));
    if (ingest >= 0) {
      latencies.record(protocol, Latencies.Part.ORIGIN_TO_INGEST, ingest - origin);
    }
    if (ingest >= 0 && sequenced >= 0) {
      latencies.record(protocol, Latencies.Part.INGEST_TO_SEQUENCED, sequenced - ingest);
    }
    if (sequenced >= 0 && edge >= 0) {
      latencies.record(protocol, Latencies.Part.SEQUENCED_TO_EDGE, edge - sequenced);
    }
    if (edge >= 0) {
      latencies.record(protocol, Latencies.Part.EDGE_TO_CLIENT, receiptMicros - edge);
    }
  }

  private static long micros(String iso) {
    if (iso == null) {
      return -1;
    }
    try {
      Instant t = Instant.parse(iso);
      return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    } catch (RuntimeException notATime) {
      return -1;
    }
  }

  public static long nowMicros() {
    Instant t = Instant.now();
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }

  private JsonObject faults() {
    JsonObject out = new JsonObject();
    faultsByProtocol.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  public JsonObject report() {
    return new JsonObject()
        .put("received", received.sum())
        .put("measured", measured.sum())
        .put("order_violations", orderViolations.sum())
        .put("duplicates", duplicates.sum())
        .put("missing", missing.sum())
        .put("gap_messages", gapMessages.sum())
        .put("faults_by_protocol", faults())
        .put("latency", latencies.encode());
  }
}
