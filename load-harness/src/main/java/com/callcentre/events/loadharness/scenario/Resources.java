package com.callcentre.events.loadharness.scenario;

import com.callcentre.events.infra.process.ProcessStats;
import com.callcentre.events.loadharness.measure.GcPauses;
import com.callcentre.events.loadharness.measure.PromText;
import com.callcentre.events.loadharness.pipeline.ServiceProcess;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;

/** Memory, CPU and GC of every process over one measured window, and CPU per 1,000 input events by component. */
final class Resources {
  private Resources() {}

  /**
   * Heap in use of each service JVM, and GC pauses within the window (each JVM's uptime at its
   * start and end) of each service and load client JVM, by name.
   */
  static JsonObject services(Bench bench, Map<String, Double> uptimeAtStart, Map<String, Double> uptimeAtEnd) {
    JsonObject out = new JsonObject();
    for (ServiceProcess s : bench.pipeline.services()) {
      JsonObject p = new JsonObject();
      try {
        String metrics = s.metrics();
        p.put("heap_used_mib", mib((long) PromText.sum(metrics, "jvm_memory_used_bytes", "area=\"heap\"")));
        p.put("kafka_requests_per_s", round(kafkaRequestsPerSecond(metrics)));
      } catch (RuntimeException unreachable) {
        p.put("heap_used_mib", -1);
      }
      out.put(s.name(), p.mergeIn(pauses(s.name(), s.gcLog(), uptimeAtStart, uptimeAtEnd)));
    }
    bench.clients.processes().forEach(c -> out.put(c.name(), pauses(c.name(), c.gcLog(), uptimeAtStart, uptimeAtEnd)));
    out.put("kafka-broker", pauses("kafka-broker", bench.pipeline.infra().kafka().gcLog(), uptimeAtStart, uptimeAtEnd));
    return out;
  }

  /**
   * The requests a service's Kafka clients send the brokers a second, all of them (producers,
   * consumers, heartbeats to the coordinator), as each client measured them over its last 30 s
   * or so (Kafka's two 30 s samples). Every request wakes the broker and the client: on a box
   * this small their count, more than their bytes, sets the time spent waiting for a core.
   */
  static double kafkaRequestsPerSecond(String metrics) {
    return PromText.sum(metrics, "kafka_producer_node_request_rate") + PromText.sum(metrics, "kafka_consumer_node_request_rate");
  }

  private static JsonObject pauses(String name, Path gcLog, Map<String, Double> uptimeAtStart, Map<String, Double> uptimeAtEnd) {
    GcPauses gc = GcPauses.read(gcLog, uptimeAtStart.getOrDefault(name, 0.0), uptimeAtEnd.getOrDefault(name, Double.MAX_VALUE));
    return new JsonObject().put("gc_pauses", gc.count()).put("gc_pause_total_ms", round(gc.totalMs()))
        .put("gc_pause_max_ms", round(gc.maxMs()));
  }

  static JsonObject of(double seconds, Map<String, ProcessStats> before, Map<String, ProcessStats> after,
      JsonObject services, long inputEvents) {
    JsonObject processes = new JsonObject();
    JsonObject cpuPerThousand = new JsonObject();
    after.forEach((name, stats) -> {
      double cpu = (stats.cpuNanos() - before.getOrDefault(name, new ProcessStats(0, 0)).cpuNanos()) / 1e9;
      JsonObject p = new JsonObject().put("rss_mib", mib(stats.rssBytes())).put("cpu_seconds", round(cpu))
          .put("cpu_percent_of_one_core", round(100 * cpu / seconds));
      processes.put(name, p);
      String component = component(name);
      cpuPerThousand.put(component, round(cpuPerThousand.getDouble(component, 0.0)
          + (inputEvents == 0 ? 0 : cpu * 1000 / inputEvents)));
    });
    services.forEach(e -> {
      JsonObject p = processes.getJsonObject(e.getKey());
      if (p != null) {
        p.mergeIn((JsonObject) e.getValue());
      }
    });
    return new JsonObject().put("processes", processes).put("cpu_seconds_per_1000_events", cpuPerThousand);
  }

  /** Edges and clients are summed as one component each. */
  static String component(String processName) {
    if (processName.startsWith("web-edge")) {
      return "web-edge";
    }
    if (processName.startsWith("bench-client")) {
      return "load clients";
    }
    return processName;
  }

  static double mib(long bytes) {
    return round(bytes / 1048576.0);
  }

  static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
