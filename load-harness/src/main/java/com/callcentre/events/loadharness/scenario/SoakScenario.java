package com.callcentre.events.loadharness.scenario;

import com.callcentre.events.infra.process.ProcessStats;
import com.callcentre.events.loadharness.BenchConfig;
import com.callcentre.events.loadharness.clients.Churn;
import com.callcentre.events.loadharness.load.DialerFeed;
import com.callcentre.events.loadharness.measure.Http;
import com.callcentre.events.loadharness.measure.PromText;
import com.callcentre.events.loadharness.measure.SequenceTruth;
import com.callcentre.events.loadharness.pipeline.ServiceProcess;
import com.callcentre.events.loadharness.report.Console;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code soak}: steady traffic for a long while (10 minutes by default) with subscribers held and
 * others coming and going, to show memory stays flat. Every 10 s it reads each service's heap in
 * use and every process's resident memory; per minute it prints the lowest heap seen (the level
 * garbage collection brings it back to) and the resident memory, and at the end the drift from
 * the second minute (the first is warm-up) to the last. Correctness is checked against the topic.
 */
final class SoakScenario implements Scenario {
  private static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);
  private static final int CHURNING = 500;

  @Override
  public Outcome run(BenchConfig config, Path runDir, Console console) {
    try (Bench bench = Bench.start(config, runDir, config.subscribers(), console)) {
      JsonObject held = bench.seedAndHold(config.subscribers(), config.mix());
      int dialerRate = config.rate() * config.dialerPercent() / 100;
      bench.pipeline.startSwitch(bench.extensions, config.rate() - dialerRate);
      Map<String, JsonArray> heapByMinute = new LinkedHashMap<>();
      Map<String, JsonArray> rssByMinute = new LinkedHashMap<>();
      JsonObject churned;
      try (DialerFeed dialer = bench.feed();
           Churn churn = Churn.start("127.0.0.1", bench.pipeline.edgePort(), bench.extensions.all(), CHURNING)) {
        dialer.start(dialerRate);
        console.line("soak: %,d events/s, %,d held, %d coming and going (2-20 s each), for %d min", config.rate(),
            held.getInteger("held"), CHURNING, config.duration().toMinutes());
        long minutes = Math.max(1, config.duration().toMinutes());
        for (int minute = 1; minute <= minutes; minute++) {
          Map<String, Long> minHeap = new LinkedHashMap<>();
          Map<String, Long> maxRss = new LinkedHashMap<>();
          for (long t = 0; t < Duration.ofMinutes(1).toMillis(); t += SAMPLE_EVERY.toMillis()) {
            Http.pause(SAMPLE_EVERY);
            for (ServiceProcess s : bench.pipeline.services()) {
              minHeap.merge(s.name(), (long) PromText.sum(s.metrics(), "jvm_memory_used_bytes", "area=\"heap\""), Math::min);
            }
            bench.pipeline.processes().forEach((name, pid) -> maxRss.merge(name, ProcessStats.of(pid).rssBytes(), Math::max));
          }
          minHeap.forEach((name, bytes) -> heapByMinute.computeIfAbsent(name, n -> new JsonArray()).add(bytes >> 20));
          maxRss.forEach((name, bytes) -> rssByMinute.computeIfAbsent(name, n -> new JsonArray()).add(bytes >> 20));
          console.line("minute %2d: heap MiB (lowest) %s; RSS MiB %s; churn opened %,d, closed %,d, failed %,d",
              minute, mib(minHeap), mib(maxRss), churn.opened(), churn.closed(), churn.failed());
        }
        churned = new JsonObject().put("opened", churn.opened()).put("closed", churn.closed())
            .put("failed", churn.failed()).put("frames_received", churn.received());
        dialer.close();
        bench.pipeline.stopSwitch();
      }
      Http.pause(Duration.ofSeconds(5)); // the last events reach the held subscribers
      JsonObject verified = bench.clients.verify(SequenceTruth.lastSequences(
          bench.pipeline.infra().bootstrapServers(), bench.pipeline.infra().registryUrl()));
      JsonObject drift = new JsonObject()
          .put("heap_mib", drift(heapByMinute)).put("rss_mib", drift(rssByMinute));
      JsonObject summary = new JsonObject().put("held", held.getInteger("held")).put("rate", config.rate())
          .put("minutes", heapByMinute.values().stream().findFirst().map(JsonArray::size).orElse(0))
          .put("heap_mib_lowest_by_minute", new JsonObject(new LinkedHashMap<>(heapByMinute)))
          .put("rss_mib_by_minute", new JsonObject(new LinkedHashMap<>(rssByMinute)))
          .put("drift_from_minute_2", drift).put("churn", churned).put("subscribers_verified", verified);
      console.line("drift from minute 2 to the last: heap %s; RSS %s", drift.getJsonObject("heap_mib").encode(),
          drift.getJsonObject("rss_mib").encode());
      console.line("held subscribers against the topic: %s", verified.encode());
      return new Outcome(summary, Map.of(), List.of(
          String.format("%,d held + %d churning, %,d events/s, %d min", held.getInteger("held"), CHURNING, config.rate(),
              summary.getInteger("minutes")),
          "drift (MiB, minute 2 to last): heap " + drift.getJsonObject("heap_mib").encode()
              + ", RSS " + drift.getJsonObject("rss_mib").encode()));
    }
  }

  /** Last minute minus minute 2, per process (minute 1 when the run is shorter). */
  private static JsonObject drift(Map<String, JsonArray> byMinute) {
    JsonObject out = new JsonObject();
    byMinute.forEach((name, series) -> {
      int from = series.size() > 2 ? 1 : 0;
      out.put(name, series.getLong(series.size() - 1) - series.getLong(from));
    });
    return out;
  }

  private static String mib(Map<String, Long> bytes) {
    StringBuilder b = new StringBuilder();
    bytes.forEach((name, v) -> b.append(b.isEmpty() ? "" : ", ").append(name).append(' ').append(v >> 20));
    return b.toString();
  }
}
