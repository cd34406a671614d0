package com.callcentre.events.loadharness.scenario;

import com.callcentre.events.loadharness.BenchConfig;
import com.callcentre.events.loadharness.report.Console;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code knee}: with the subscribers held, the rates of KNEE_RATES in turn until p99 is twice the
 * first rate's (or a window loses events); the knee is the last rate before that.
 */
final class KneeScenario implements Scenario {
  private static final Duration MAX_WARMUP = Duration.ofSeconds(15);
  private static final Duration MAX_WINDOW = Duration.ofSeconds(30);

  @Override
  public Outcome run(BenchConfig config, Path runDir, Console console) {
    try (Bench bench = Bench.start(config, runDir, config.subscribers(), console)) {
      JsonObject held = bench.seedAndHold(config.subscribers(), config.mix());
      Duration warmup = min(config.warmup(), MAX_WARMUP);
      Duration window = min(config.duration(), MAX_WINDOW);
      JsonArray steps = new JsonArray();
      List<List<String>> rows = new ArrayList<>();
      java.util.Map<String, org.HdrHistogram.Histogram> plotted = new java.util.LinkedHashMap<>();
      MeasuredLoad.Result first = null;
      MeasuredLoad.Result last = null;
      Integer knee = null;
      for (int rate : config.kneeRates()) {
        MeasuredLoad.Result r = MeasuredLoad.run(bench, rate, warmup, window);
        steps.add(r.json());
        plotted.put(rate + " events/s", r.latencies().overall(com.callcentre.events.loadharness.measure.Latencies.Part.TOTAL));
        JsonObject lat = r.json().getJsonObject("latency_ms");
        rows.add(List.of(Integer.toString(rate), Long.toString(r.json().getLong("deliveries_per_second")),
            lat.getValue("p50").toString(), lat.getValue("p99").toString(), lat.getValue("max").toString(),
            Long.toString(r.json().getLong("missing") + r.json().getLong("order_violations") + r.json().getLong("duplicates"))));
        console.table(List.of("events/s", "deliveries/s", "p50 ms", "p99 ms", "max ms", "violations"), rows);
        if (first == null) {
          first = r;
        } else if (r.p99() > 2 * first.p99() || r.json().getLong("missing") > 0) {
          knee = last.rate();
          last = r;
          break;
        }
        last = r;
      }
      JsonObject summary = new JsonObject()
          .put("held", held.getInteger("held"))
          .put("rss_bytes_per_connection", held.getLong("rss_bytes_per_connection"))
          .put("knee_events_per_second", knee)
          .put("knee_note", knee == null ? "p99 never doubled over the rates tried" : "the last rate before p99 doubled")
          .put("first_p99_ms", first.p99())
          .put("steps", steps);
      Report.copyCorrectness(last.json(), summary);
      return new Outcome(summary, plotted, List.of(
          knee == null ? "p99 did not double up to " + last.rate() + " events/s" : "knee at " + knee + " events/s",
          "p99 " + first.p99() + " ms at " + first.rate() + "/s, " + last.p99() + " ms at " + last.rate() + "/s"));
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) < 0 ? a : b;
  }
}
