package com.callcentre.events.loadharness.scenario;

import com.callcentre.events.loadharness.BenchConfig;
import com.callcentre.events.loadharness.report.Console;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code latency} (and its small {@code smoke} version): with the subscribers held, load through the
 * switch simulator and the dialer at the rate, warm up, measure; latency by part and protocol, and
 * correctness against the topic.
 */
final class LatencyScenario implements Scenario {
  @Override
  public Outcome run(BenchConfig config, Path runDir, Console console) {
    try (Bench bench = Bench.start(config, runDir, config.subscribers(), console)) {
      JsonObject held = bench.seedAndHold(config.subscribers(), config.mix());
      MeasuredLoad.Result r = MeasuredLoad.run(bench, config.rate(), config.warmup(), config.duration());
      Report.latency(console, r);
      Report.resources(console, r.json());
      JsonObject summary = r.json().copy()
          .put("held", held.getInteger("held"))
          .put("rss_bytes_per_connection", held.getLong("rss_bytes_per_connection"))
          .put("holding", held)
          .put("edges", bench.pipeline.edges().size());
      return new Outcome(summary, Outcome.series("call-events", r.latencies()), List.of(
          String.format("%,d held, %,d events/s", held.getInteger("held"), config.rate()),
          Report.latencyText(r.json().getJsonObject("latency_ms")),
          String.format("violations %d, missing %d, duplicates %d", r.json().getLong("order_violations"),
              r.json().getLong("missing"), r.json().getLong("duplicates"))));
    }
  }
}
