package com.callcentre.events.switchreader;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** What one VDN reader reports on /health and in the metrics. */
public final class VdnStatus {
  private final String vdn;
  private volatile boolean connected;
  private volatile Instant lastEvent;
  private volatile String lastError = "";
  final AtomicLong reconnects = new AtomicLong();
  final AtomicLong decoded = new AtomicLong();
  final AtomicLong rejected = new AtomicLong();
  /** Every reconnect wait so far, for tests and operators: they should double up to the cap. */
  final CopyOnWriteArrayList<Long> reconnectDelaysMs = new CopyOnWriteArrayList<>();

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

  public java.util.List<Long> reconnectDelaysMs() {
    return java.util.List.copyOf(reconnectDelaysMs);
  }

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("vdn", vdn);
    m.put("connected", connected);
    m.put("last_event_time", lastEvent == null ? null : lastEvent.toString());
    m.put("reconnects", reconnects.get());
    m.put("events_decoded", decoded.get());
    m.put("buffers_rejected", rejected.get());
    m.put("last_error", lastError);
    return m;
  }
}
