package com.callcentre.events.loadharness.scenario;

import com.callcentre.events.loadharness.measure.Latencies;
import com.callcentre.events.loadharness.report.Console;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;


/** The console tables of a measured window: latency by part and protocol, correctness, resources. */
final class Report {
  private Report() {}

  static void latency(Console console, MeasuredLoad.Result r) {
    JsonObject j = r.json();
    List<List<String>> rows = new ArrayList<>();
    r.latencies().snapshot().forEach((protocol, parts) -> parts.forEach((part, h) -> rows.add(row(protocol, part, h))));
    for (Latencies.Part part : Latencies.Part.values()) {
      rows.add(row("all", part, r.latencies().overall(part)));
    }
    console.table(List.of("protocol", "part", "count", "p50 ms", "p99 ms", "p99.9 ms", "max ms"), rows);
    console.line("deliveries measured %,d (%,d/s); order violations %d, missing %d (in stream %d, at the end %d over %d "
            + "subscribers), duplicates %d, gap messages %d; %,d subscribers checked against extension-events.v1",
        j.getLong("received"), j.getLong("deliveries_per_second"), j.getLong("order_violations"), j.getLong("missing"),
        j.getLong("missing_in_stream"), j.getLong("missing_at_end"), j.getLong("subscribers_behind_at_end"),
        j.getLong("duplicates"), j.getLong("gap_messages"), j.getLong("subscribers_checked"));
    if (!j.getJsonObject("faults_by_protocol").isEmpty()) {
      console.line("faults by protocol: %s", j.getJsonObject("faults_by_protocol").encode());
    }
  }

  private static List<String> row(String protocol, Latencies.Part part, org.HdrHistogram.Histogram h) {
    JsonObject s = Latencies.summary(h);
    return List.of(protocol, part.label(), Long.toString(s.getLong("count")), s.getDouble("p50").toString(),
        s.getDouble("p99").toString(), s.getDouble("p999").toString(), s.getDouble("max").toString());
  }

  static void resources(Console console, JsonObject window) {
    JsonObject res = window.getJsonObject("resources");
    JsonObject scheduler = window.getJsonObject("scheduler", new JsonObject());
    JsonObject waits = scheduler.getJsonObject("run_queue_wait_by_process", new JsonObject());
    List<List<String>> rows = new ArrayList<>();
    res.getJsonObject("processes").forEach(e -> {
      JsonObject p = (JsonObject) e.getValue();
      JsonObject w = waits.getJsonObject(e.getKey(), new JsonObject());
      rows.add(List.of(e.getKey(), p.getValue("rss_mib").toString(), String.valueOf(p.getValue("heap_used_mib", "")),
          p.getValue("cpu_percent_of_one_core").toString(), String.valueOf(p.getValue("gc_pauses", "")),
          String.valueOf(p.getValue("gc_pause_max_ms", "")), String.valueOf(w.getValue("wait_ms", "")),
          String.valueOf(w.getValue("worst_second_wait_ms", "")), String.valueOf(p.getValue("kafka_requests_per_s", ""))));
    });
    console.table(List.of("process", "RSS MiB", "heap MiB", "CPU % of a core", "GC pauses", "GC max ms",
        "waited for a core ms", "in its worst second", "Kafka requests/s"), rows);
    console.line("CPU seconds per 1,000 input events: %s", res.getJsonObject("cpu_seconds_per_1000_events").encode());
    console.line("CPU pressure (some task waiting for a core): %s ms over %s s, %s ms in the worst second; the scheduler "
        + "log's own sampling %s ms of CPU a second", scheduler.getValue("cpu_pressure_ms", "n/a"),
        scheduler.getValue("seconds", 0), scheduler.getValue("worst_second_cpu_pressure_ms", "n/a"),
        scheduler.getValue("sampler_cpu_ms_per_second", "n/a"));
    JsonObject k = window.getJsonObject("kafka");
    console.line("Kafka: %,d input events of %d bytes; bytes written per input event by topic %s; written/input %.1f "
        + "(not counted: %s)", k.getLong("input_events"), k.getLong("input_bytes_per_event"),
        k.getJsonObject("bytes_per_input_event_by_topic").encode(), k.getDouble("written_over_input"),
        k.getJsonArray("not_counted").encode());
  }

  /** The summary keys every scenario with events carries. */
  static void copyCorrectness(JsonObject from, JsonObject to) {
    for (String k : List.of("latency_ms", "order_violations", "missing", "duplicates")) {
      to.put(k, from.getValue(k));
    }
  }

  static String latencyText(JsonObject latency) {
    return String.format("p50 %s / p99 %s / p99.9 %s / max %s ms", latency.getValue("p50"), latency.getValue("p99"),
        latency.getValue("p999"), latency.getValue("max"));
  }

}
