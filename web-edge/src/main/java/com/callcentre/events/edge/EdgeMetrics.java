package com.callcentre.events.edge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The edge's own meters: connections by kind, deliveries, delivery latency, dropped slow clients. */
public final class EdgeMetrics {
  private final MeterRegistry registry;
  private final ConcurrentHashMap<String, AtomicInteger> connections = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Counter> deliveries = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Timer> deliveryLatency = new ConcurrentHashMap<>();

  /** The protocols an edge serves; their meters exist from the start, at zero, so rates and alerts work at once. */
  public static final java.util.List<String> PROTOCOLS = java.util.List.of("longpoll", "websocket", "sse");

  public EdgeMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (String protocol : PROTOCOLS) {
      connections(protocol);
      deliveries(protocol);
      deliveryLatency(protocol);
      slowClients(protocol);
    }
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** A held connection of one kind (longpoll, websocket, sse) opened; call the result when it closes. */
  public Runnable opened(String kind) {
    AtomicInteger gauge = connections(kind);
    gauge.incrementAndGet();
    return gauge::decrementAndGet;
  }

  private AtomicInteger connections(String kind) {
    return connections.computeIfAbsent(kind, k -> {
      AtomicInteger g = new AtomicInteger();
      registry.gauge("edge_connections", io.micrometer.core.instrument.Tags.of("kind", k), g);
      return g;
    });
  }

  public int open(String kind) {
    AtomicInteger g = connections.get(kind);
    return g == null ? 0 : g.get();
  }

  /** One event delivered to one client; latency measured from the ingest service's receipt. */
  public void delivered(String protocol, Instant ingestTime) {
    // Once per event per client: the meters are looked up once per protocol, not built each time.
    deliveries(protocol).increment();
    deliveryLatency(protocol).record(Math.max(0, Duration.between(ingestTime, Instant.now()).toNanos()), TimeUnit.NANOSECONDS);
  }

  public void droppedSlowClient(String protocol) {
    slowClients(protocol).increment();
  }

  private Counter deliveries(String protocol) {
    return deliveries.computeIfAbsent(protocol, p -> Counter.builder("edge_deliveries").tag("protocol", p).register(registry));
  }

  private Timer deliveryLatency(String protocol) {
    return deliveryLatency.computeIfAbsent(protocol, p -> Timer.builder("edge_delivery_latency")
        .description("Ingest to write to the client").tag("protocol", p).publishPercentileHistogram().register(registry));
  }

  private Counter slowClients(String protocol) {
    return Counter.builder("edge_slow_clients_dropped").tag("protocol", protocol).register(registry);
  }

  public void badInput(String protocol, String reason) {
    Counter.builder("edge_bad_input").tag("protocol", protocol).tag("reason", reason).register(registry).increment();
  }
}
