package com.callcentre.events.loadharness.scenario;

import com.callcentre.events.infra.process.ProcessStats;
import com.callcentre.events.loadharness.clients.ClientFleet;
import com.callcentre.events.loadharness.measure.Http;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Holding subscribers on the edges and what it costs: ramp time, failures, the edges' memory per
 * held connection (against their memory with the extensions loaded and nobody connected) and
 * their CPU while everyone waits.
 */
final class Holding {
  private static final Duration SETTLE = Duration.ofSeconds(5);
  private static final Duration IDLE_WINDOW = Duration.ofSeconds(10);

  private final Bench bench;
  private final long edgeBaseline;

  private Holding(Bench bench, long edgeBaseline) {
    this.bench = bench;
    this.edgeBaseline = edgeBaseline;
  }

  /** Call with the extensions seeded and nobody connected yet. */
  static Holding baseline(Bench bench) {
    Http.pause(SETTLE);
    return new Holding(bench, Bench.edgesOf(bench.sample()).rssBytes());
  }

  /** Opens these subscribers, waits until held, settles, and measures. */
  JsonObject add(List<ClientFleet.Subscription> more) {
    long start = System.nanoTime();
    JsonObject status = bench.hold(more);
    double rampSeconds = (System.nanoTime() - start) / 1e9;
    Http.pause(SETTLE);
    Map<String, ProcessStats> first = bench.sample();
    Http.pause(IDLE_WINDOW);
    Map<String, ProcessStats> second = bench.sample();
    ProcessStats edges = Bench.edgesOf(second);
    double idleCpu = (edges.cpuNanos() - Bench.edgesOf(first).cpuNanos()) / 1e9 / (IDLE_WINDOW.toMillis() / 1000.0);
    int held = status.getInteger("held");
    long clientRss = second.entrySet().stream().filter(e -> e.getKey().startsWith("bench-client"))
        .mapToLong(e -> e.getValue().rssBytes()).sum();
    Map<String, Double> onEdges = bench.edgeConnections();
    return new JsonObject()
        .put("asked", bench.opened())
        .put("held", held)
        .put("held_by_protocol", status.getJsonObject("held_by_protocol"))
        .put("edge_connections", new JsonObject(Map.copyOf(onEdges)))
        .put("failures", status.getLong("failures"))
        .put("errors", status.getJsonObject("errors"))
        .put("ramp_seconds", Math.round(rampSeconds * 10) / 10.0)
        .put("edge_rss_mib", Resources.mib(edges.rssBytes()))
        .put("rss_bytes_per_connection", held == 0 ? 0 : (edges.rssBytes() - edgeBaseline) / held)
        .put("edge_idle_cpu_cores", Math.round(idleCpu * 1000) / 1000.0)
        .put("client_rss_bytes_per_connection", held == 0 ? 0 : clientRss / held);
  }

  long edgeRss() {
    return Bench.edgesOf(bench.sample()).rssBytes();
  }

  long baselineRss() {
    return edgeBaseline;
  }
}
