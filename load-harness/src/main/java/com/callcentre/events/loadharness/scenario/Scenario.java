package com.callcentre.events.loadharness.scenario;

import com.callcentre.events.loadharness.BenchConfig;
import com.callcentre.events.loadharness.report.Console;
import java.nio.file.Path;

/** One {@code bin/bench} scenario. */
public interface Scenario {
  Outcome run(BenchConfig config, Path runDir, Console console) throws Exception;

  static Scenario named(String name) {
    return switch (name) {
      case "held" -> new HeldScenario();
      case "latency", "smoke" -> new LatencyScenario();
      case "knee" -> new KneeScenario();
      case "throughput" -> new ThroughputScenario();
      case "peer" -> new PeerScenario();
      case "soak" -> new SoakScenario();
      default -> throw new IllegalArgumentException("no scenario " + name);
    };
  }
}
