package com.callcentre.events.loadharness.scenario;

import com.callcentre.events.loadharness.measure.Latencies;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What a scenario found: the summary (written as SCENARIO.json), the latency distributions to plot
 * by series name, and the few figures for the benchmarks page's row.
 */
public record Outcome(JsonObject summary, Map<String, Histogram> plotted, List<String> highlights) {
  /** Origin-to-client latency, all protocols and then each, as the plot's series. */
  static Map<String, Histogram> series(String prefix, Latencies latencies) {
    Map<String, Histogram> out = new LinkedHashMap<>();
    out.put(prefix + " (all)", latencies.overall(Latencies.Part.TOTAL));
    latencies.snapshot().forEach((protocol, parts) -> {
      Histogram h = parts.get(Latencies.Part.TOTAL);
      if (h != null && latencies.snapshot().size() > 1) {
        out.put(prefix + " " + protocol, h);
      }
    });
    return out;
  }
}
