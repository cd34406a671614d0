package com.callcentre.events.reliability.audit;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A screen that stays through a fault: a WebSocket subscriber to some extensions that, whenever
 * its connection ends, connects again (to whichever edge the port leads to) and resumes with
 * {@code since} = the last sequence it has. It notes every delivery so a test can judge it: each
 * extension's events must come in order, once, and without a jump the edge did not announce
 * with a gap message; and at the end it must hold every extension's last sequence.
 */
public final class Follower implements AutoCloseable {
  private final Vertx vertx;
  private final WebSocketClient client;
  private final int port;
  private final List<String> extensions;
  private final Map<String, Long> last = new ConcurrentHashMap<>();
  private final List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger reconnects = new AtomicInteger();
  private final AtomicInteger gaps = new AtomicInteger();
  private final AtomicLong delivered = new AtomicLong();
  /** 0 until the first delivery: the wait for a fresh pipeline's first event is not a pause. */
  private final AtomicLong lastDeliveryNanos = new AtomicLong();
  private final AtomicLong longestSilenceNanos = new AtomicLong();
  private final AtomicLong longestDelayMillis = new AtomicLong();
  private volatile boolean open = true;

  public Follower(Vertx vertx, int port, List<String> extensions) {
    this.vertx = vertx;
    this.client = vertx.createWebSocketClient();
    this.port = port;
    this.extensions = List.copyOf(extensions);
    connect();
  }

  private void connect() {
    if (!open) {
      return;
    }
    client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws?name=fault-follower"))
        .onSuccess(this::subscribe)
        .onFailure(e -> retry());
  }

  private void subscribe(WebSocket ws) {
    ws.textMessageHandler(text -> onFrame(new JsonObject(text)));
    ws.closeHandler(v -> retry());
    JsonObject since = new JsonObject();
    last.forEach(since::put);
    ws.writeTextMessage(new JsonObject().put("op", "subscribe").put("extensions", new JsonArray(extensions))
        .put("since", since).encode());
  }

  private void retry() {
    if (open) {
      reconnects.incrementAndGet();
      vertx.setTimer(200, id -> connect());
    }
  }

  private void onFrame(JsonObject frame) {
    String ext = frame.getString("extension");
    switch (frame.getString("type", "")) {
      case "gap" -> {
        // The edge says what is skipped: the next event may be the announced latest.
        gaps.incrementAndGet();
        last.put(ext, frame.getLong("seq") - 1);
      }
      case "event" -> onEvent(ext, frame.getLong("seq"), frame.getJsonObject("event").getString("ingest_time"));
      default -> { }
    }
  }

  private void onEvent(String ext, long seq, String ingestTime) {
    long now = System.nanoTime();
    if (last.containsKey(ext)) {
      // Not an extension's first delivery (the latest event, however old, on subscribing): how
      // long after it entered the pipeline it reached this screen.
      long delay = System.currentTimeMillis() - java.time.Instant.parse(ingestTime).toEpochMilli();
      longestDelayMillis.accumulateAndGet(delay, Math::max);
    }
    long previous = lastDeliveryNanos.getAndSet(now);
    if (previous != 0) {
      longestSilenceNanos.accumulateAndGet(now - previous, Math::max);
    }
    delivered.incrementAndGet();
    Long before = last.get(ext);
    if (before != null && seq != before + 1) {
      violations.add(ext + ": seq " + seq + " after " + before);
    }
    if (before == null || seq > before) {
      last.put(ext, seq);
    }
  }

  /** The last sequence it holds per extension. */
  public Map<String, Long> lastSequences() {
    return Map.copyOf(last);
  }

  /** Deliveries out of order, repeated, or after an unannounced jump. */
  public List<String> violations() {
    synchronized (violations) {
      return List.copyOf(violations);
    }
  }

  public int reconnects() {
    return reconnects.get();
  }

  public int gaps() {
    return gaps.get();
  }

  public long delivered() {
    return delivered.get();
  }

  /**
   * Starts the peaks (longest pause, longest delay) afresh, returning those so far as
   * {@code [pause ms, delay ms]}: what the run showed before a fault, set apart from what the fault did.
   */
  public long[] restartPeaks() {
    return new long[] {longestSilenceNanos.getAndSet(0) / 1_000_000, longestDelayMillis.getAndSet(0)};
  }

  /** The longest an event took from its ingest service to this screen (an extension's first delivery aside). */
  public long longestDelayMillis() {
    return longestDelayMillis.get();
  }

  /** The longest time between two deliveries: with a steady feed, how long the screen stood still. */
  public long longestSilenceMillis() {
    return longestSilenceNanos.get() / 1_000_000;
  }

  @Override
  public void close() {
    open = false;
    client.close();
  }
}
