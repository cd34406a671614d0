package com.callcentre.events.loadharness.scenario;

import com.callcentre.events.loadharness.BenchConfig;
import com.callcentre.events.loadharness.report.Console;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code held}: ramp to each of the steps (20k, 50k, 100k by default) of mixed subscribers and say
 * what holding them costs. The first step opens one protocol after another, so the edges' memory
 * per connection can be told apart by protocol. Ends with one event to every extension at once
 * through the whole pipeline: every held subscriber must get exactly it.
 */
final class HeldScenario implements Scenario {
  @Override
  public Outcome run(BenchConfig config, Path runDir, Console console) {
    try (Bench bench = Bench.start(config, runDir, config.subscribers(), console)) {
      bench.seed();
      Holding holding = Holding.baseline(bench);
      console.line("edges idle with %,d extensions loaded: %.0f MiB RSS in all", bench.extensions.count(),
          holding.baselineRss() / 1048576.0);
      List<String> protocols = new ArrayList<>(new LinkedHashSet<>(config.mix()));
      JsonObject perProtocol = new JsonObject();
      JsonArray steps = new JsonArray();
      int first = config.steps().get(0);
      JsonObject last = null;
      for (String protocol : protocols) {
        long before = holding.edgeRss();
        int heldBefore = last == null ? 0 : last.getInteger("held");
        last = holding.add(bench.nextSubscriptions(first / protocols.size(), List.of(protocol)));
        long added = last.getInteger("held") - heldBefore;
        perProtocol.put(protocol, added <= 0 ? 0 : (holding.edgeRss() - before) / added);
        console.line("%s: %,d held; edges' RSS grew %,d bytes per connection", protocol, added,
            perProtocol.getLong(protocol));
      }
      steps.add(last);
      print(console, last);
      for (int target : config.steps().subList(1, config.steps().size())) {
        last = holding.add(bench.nextSubscriptions(target - bench.opened(), config.mix()));
        steps.add(last);
        print(console, last);
      }
      console.line("one event to each of %,d extensions at once, through the dialer and the whole pipeline",
          bench.extensions.count());
      MeasuredLoad.Result wake = MeasuredLoad.burst(bench);
      Report.latency(console, wake);
      JsonObject summary = new JsonObject()
          .put("held", last.getInteger("held"))
          .put("rss_bytes_per_connection", last.getLong("rss_bytes_per_connection"))
          .put("rss_bytes_per_connection_by_protocol", perProtocol)
          .put("steps", steps)
          .put("edges", bench.pipeline.edges().size())
          .put("client_processes", bench.clients.processes().size())
          .put("wake_all", wake.json());
      Report.copyCorrectness(wake.json(), summary);
      return new Outcome(summary, Outcome.series("wake-all", wake.latencies()), List.of(
          String.format("held %,d of %,d (%d edges)", last.getInteger("held"), last.getInteger("asked"),
              bench.pipeline.edges().size()),
          String.format("%.1f KiB/conn (lp %.1f, ws %.1f, sse %.1f)", last.getLong("rss_bytes_per_connection") / 1024.0,
              perProtocol.getLong("longpoll", 0L) / 1024.0, perProtocol.getLong("websocket", 0L) / 1024.0,
              perProtocol.getLong("sse", 0L) / 1024.0),
          String.format("all %,d woken: p50 %s, max %s ms", wake.json().getLong("received"),
              wake.json().getJsonObject("latency_ms").getDouble("p50"), wake.json().getJsonObject("latency_ms").getDouble("max"))));
    }
  }

  private static void print(Console console, JsonObject step) {
    console.line("held %,d of %,d (edges count %s) in %.1f s; failures %d; edges %,.0f MiB, %,d bytes per connection; "
            + "idle CPU %.2f cores; clients %,d bytes per connection%s",
        step.getInteger("held"), step.getInteger("asked"), step.getJsonObject("edge_connections").encode(),
        step.getDouble("ramp_seconds"), step.getLong("failures"), step.getDouble("edge_rss_mib"),
        step.getLong("rss_bytes_per_connection"), step.getDouble("edge_idle_cpu_cores"),
        step.getLong("client_rss_bytes_per_connection"),
        step.getJsonObject("errors").isEmpty() ? "" : "; errors " + step.getJsonObject("errors").encode());
  }
}
