package com.callcentre.events.switchreader;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What one VDN reader reports on /health and in the metrics. Bounded: a reader may run for years. */
public final class VdnStatus {
  /** How many of the latest reconnect waits are kept, enough to see them double up to the cap. */
  static final int RECENT_DELAYS = 16;

  private final String vdn;
  private volatile boolean connected;
  private volatile Instant lastEvent;
  private volatile String lastError = "";
  private final AtomicLong reconnects = new AtomicLong();
  final AtomicLong decoded = new AtomicLong();
  final AtomicLong rejected = new AtomicLong();
  private final ArrayDeque<Long> recentDelaysMs = new ArrayDeque<>(RECENT_DELAYS);

  VdnStatus(String vdn) {
    this.vdn = vdn;
  }

  void connected() {
    connected = true;
  }

  void disconnected(String error) {
    connected = false;
    lastError = error;
  }

  void reconnecting(Duration wait) {
    reconnects.incrementAndGet();
    synchronized (recentDelaysMs) {
      if (recentDelaysMs.size() == RECENT_DELAYS) {
        recentDelaysMs.removeFirst();
      }
      recentDelaysMs.addLast(wait.toMillis());
    }
  }

  void eventSeen() {
    lastEvent = Instant.now();
  }

  public String vdn() {
    return vdn;
  }

  public boolean isConnected() {
    return connected;
  }

  public long reconnects() {
    return reconnects.get();
  }

  public long decoded() {
    return decoded.get();
  }

  public long rejected() {
    return rejected.get();
  }

  /** The latest reconnect waits, oldest first, at most {@value #RECENT_DELAYS}. */
  public List<Long> recentReconnectDelaysMs() {
    synchronized (recentDelaysMs) {
      return List.copyOf(recentDelaysMs);
    }
  }

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("vdn", vdn);
    m.put("connected", connected);
    m.put("last_event_time", lastEvent == null ? null : lastEvent.toString());
    m.put("reconnects", reconnects.get());
    m.put("recent_reconnect_delays_ms", recentReconnectDelaysMs());
    m.put("events_decoded", decoded.get());
    m.put("buffers_rejected", rejected.get());
    m.put("last_error", lastError);
    return m;
  }
}
