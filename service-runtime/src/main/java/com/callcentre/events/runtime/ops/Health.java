package com.callcentre.events.runtime.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The checks behind {@code /health} (is the service working?) and the condition behind
 * {@code /ready} (should traffic be sent to it yet?).
 */
public final class Health {
  private final Map<String, HealthCheck> checks = new ConcurrentHashMap<>();
  private volatile BooleanSupplier ready = () -> true;

  public Health register(String name, HealthCheck check) {
    checks.put(name, check);
    return this;
  }

  public Health readyWhen(BooleanSupplier condition) {
    this.ready = condition;
    return this;
  }

  public boolean isReady() {
    return ready.getAsBoolean();
  }

  /** Every check's status, and whether all are healthy. */
  public Report report() {
    Map<String, Object> details = new LinkedHashMap<>();
    boolean healthy = true;
    for (var entry : new java.util.TreeMap<>(checks).entrySet()) {
      HealthCheck.Status status;
      try {
        status = entry.getValue().check();
      } catch (RuntimeException e) {
        status = HealthCheck.Status.down(Map.of("error", e.toString()));
      }
      healthy &= status.healthy();
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("status", status.healthy() ? "UP" : "DOWN");
      one.putAll(status.details());
      details.put(entry.getKey(), one);
    }
    return new Report(healthy, details);
  }

  public record Report(boolean healthy, Map<String, Object> checks) {}
}
