package com.callcentre.events.loadharness.scenario;

import com.callcentre.events.infra.process.ProcessStats;
import com.callcentre.events.loadharness.clients.ClientFleet;
import com.callcentre.events.loadharness.load.DialerFeed;
import com.callcentre.events.loadharness.measure.Http;
import com.callcentre.events.loadharness.measure.KafkaBytes;
import com.callcentre.events.loadharness.measure.Latencies;
import com.callcentre.events.loadharness.measure.SchedulerLog;
import com.callcentre.events.loadharness.measure.SequenceTruth;
import com.callcentre.events.schemas.topics.Topics;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Load through the real ingest path at a rate, with the subscribers held: warm up, measure for a
 * while, stop the sources, let the last events arrive, then read the clients' latency and
 * correctness, the processes' CPU, memory and GC, and what Kafka wrote.
 */
final class MeasuredLoad {
  private static final List<String> INPUT_TOPICS = List.of(Topics.SWITCH_EVENTS.name(), Topics.DIALER_EVENTS.name());
  /** Written per event too, but set aside by the target: the raw switch buffers and the transaction log. */
  private static final List<String> NOT_COUNTED = List.of(Topics.RAW_ASAI.name(), "__transaction_state");

  /** Between the harness's bookkeeping and the measured window, so one does not delay the other's events. */
  private static final Duration SETTLE = Duration.ofSeconds(3);

  private MeasuredLoad() {}

  /** What one measured window found; {@code json} holds every figure for the summary. */
  record Result(int rate, JsonObject json, Latencies latencies) {
    double p99() {
      return json.getJsonObject("latency_ms").getDouble("p99");
    }
  }

  static Result run(Bench bench, int rate, Duration warmup, Duration duration) {
    int dialerRate = rate * bench.config.dialerPercent() / 100;
    int switchRate = rate - dialerRate;
    bench.console.line("load: %,d events/s (switch simulator %,d over %d VDNs x %d agents, dialer %,d: half 0MQ, half HTTP); "
        + "warm-up %d s, measured %d s", rate, switchRate, bench.extensions.vdns(), bench.extensions.agentsPerVdn(),
        dialerRate, warmup.toSeconds(), duration.toSeconds());
    bench.pipeline.startSwitch(bench.extensions, switchRate);
    DialerFeed dialer = bench.feed();
    dialer.start(dialerRate);
    try {
      Http.pause(warmup);
      // The harness's own bookkeeping stays outside the measured window, with a settle on either
      // side: at the window's end, reading every service's /metrics and GC log and Kafka's log sizes
      // stalled the sequencing for up to 0.9 s, and the events it delayed were measured as the
      // pipeline's (docs/benchmarks.md, #11 fifth round).
      String kafka = bench.pipeline.infra().bootstrapServers();
      Map<String, Long> bytesBefore = KafkaBytes.byTopic(kafka);
      long inputBefore = KafkaBytes.records(kafka, INPUT_TOPICS);
      Http.pause(SETTLE);
      Map<String, Double> uptimeAtStart = uptimes(bench);
      Map<String, ProcessStats> before = bench.sample();
      long inputAtStart = KafkaBytes.records(kafka, INPUT_TOPICS); // end offsets only: a light request
      long startNs = System.nanoTime();
      long fromMs = System.currentTimeMillis();
      bench.clients.measureFrom(fromMs);
      Http.pause(duration);
      long untilMs = System.currentTimeMillis();
      bench.clients.measureUntil(untilMs);
      Map<String, ProcessStats> after = bench.sample();
      double seconds = (System.nanoTime() - startNs) / 1e9;
      long windowInput = KafkaBytes.records(kafka, INPUT_TOPICS) - inputAtStart;
      Map<String, Double> uptimeAtEnd = uptimes(bench);
      Http.pause(SETTLE); // the window's last events reach the clients before the scrape below
      JsonObject services = Resources.services(bench, uptimeAtStart, uptimeAtEnd); // while the switch still runs
      dialer.close();
      bench.pipeline.stopSwitch();
      JsonObject drained = drain(bench.clients);
      Map<String, Long> bytes = KafkaBytes.growth(bytesBefore, KafkaBytes.byTopic(kafka));
      long inputEvents = KafkaBytes.records(kafka, INPUT_TOPICS) - inputBefore;
      ClientFleet.Report report = bench.clients.report();
      Map<String, Long> truth = SequenceTruth.lastSequences(bench.pipeline.infra().bootstrapServers(),
          bench.pipeline.infra().registryUrl());
      JsonObject verified = bench.clients.verify(truth);
      JsonObject json = figures(bench, rate, seconds, report, verified, dialer);
      json.put("resources", Resources.of(seconds, before, after, services, windowInput));
      // The whole seconds inside the window; the log's line for a second is written as it ends.
      json.put("scheduler", SchedulerLog.summary(bench.schedulerSeconds(), Math.floorDiv(fromMs + 999, 1000),
          Math.floorDiv(untilMs, 1000)));
      json.put("kafka", KafkaBytes.perInputEvent(bytes, INPUT_TOPICS, NOT_COUNTED, inputEvents));
      json.put("drain", drained);
      return new Result(rate, json, report.latencies());
    } finally {
      dialer.close();
      bench.pipeline.stopSwitch();
    }
  }

  /**
   * One event for every extension at once, through the dialer's HTTP intake and the whole
   * pipeline: how long until every held subscriber had it, and whether each got exactly it.
   */
  static Result burst(Bench bench) {
    long from = System.currentTimeMillis();
    bench.clients.measureFrom(from);
    long start = System.nanoTime();
    DialerFeed dialer = bench.feed();
    dialer.seed();
    drain(bench.clients);
    double seconds = (System.nanoTime() - start) / 1e9;
    ClientFleet.Report report = bench.clients.report();
    JsonObject verified = bench.clients.verify(SequenceTruth.lastSequences(bench.pipeline.infra().bootstrapServers(),
        bench.pipeline.infra().registryUrl()));
    return new Result(bench.extensions.count(), figures(bench, bench.extensions.count(), seconds, report, verified, dialer),
        report.latencies());
  }

  /**
   * Waits until the clients receive nothing more for 5 s, so a pipeline that fell behind can
   * deliver its backlog before the end is checked (at most 5 minutes; what is still missing then
   * is counted as missing).
   */
  static JsonObject drain(ClientFleet clients) {
    long start = System.nanoTime();
    long last = -1;
    long stableSince = System.nanoTime();
    while (System.nanoTime() - start < Duration.ofMinutes(5).toNanos()) {
      long received = clients.report().counts().getLong("received");
      if (received != last) {
        last = received;
        stableSince = System.nanoTime();
      } else if (System.nanoTime() - stableSince > Duration.ofSeconds(5).toNanos()) {
        break;
      }
      Http.pause(Duration.ofMillis(500));
    }
    return new JsonObject().put("seconds", Math.round((System.nanoTime() - start) / 1e8) / 10.0);
  }

  private static Map<String, Double> uptimes(Bench bench) {
    Map<String, Double> out = new TreeMap<>();
    bench.pids().forEach((name, pid) -> out.put(name, uptimeSeconds(pid)));
    return out;
  }

  private static double uptimeSeconds(long pid) {
    return ProcessHandle.of(pid).flatMap(h -> h.info().startInstant())
        .map(t -> Duration.between(t, java.time.Instant.now()).toMillis() / 1000.0).orElse(0.0);
  }

  private static JsonObject figures(Bench bench, int rate, double seconds, ClientFleet.Report report, JsonObject verified,
      DialerFeed dialer) {
    Latencies lat = report.latencies();
    JsonObject counts = report.counts();
    JsonObject byProtocol = new JsonObject();
    lat.snapshot().forEach((protocol, parts) -> {
      JsonObject p = new JsonObject();
      parts.forEach((part, h) -> p.put(part.name().toLowerCase(), Latencies.summary(h)));
      byProtocol.put(protocol, p);
    });
    JsonObject byPart = new JsonObject();
    for (Latencies.Part part : Latencies.Part.values()) {
      byPart.put(part.name().toLowerCase(), Latencies.summary(lat.overall(part)));
    }
    return new JsonObject()
        .put("rate", rate)
        .put("seconds", Math.round(seconds))
        .put("held", bench.clients.status().getInteger("held"))
        .put("latency_ms", Latencies.summary(lat.overall(Latencies.Part.TOTAL)))
        .put("latency_by_part_ms", byPart)
        .put("latency_by_protocol_ms", byProtocol)
        .put("deliveries_per_second", Math.round(counts.getLong("measured") / seconds))
        .put("received", counts.getLong("received"))
        .put("order_violations", counts.getLong("order_violations"))
        .put("duplicates", counts.getLong("duplicates"))
        .put("missing", counts.getLong("missing") + verified.getLong("missing_tail"))
        .put("missing_in_stream", counts.getLong("missing"))
        .put("missing_at_end", verified.getLong("missing_tail"))
        .put("subscribers_behind_at_end", verified.getLong("behind"))
        .put("subscribers_checked", verified.getLong("checked"))
        .put("gap_messages", counts.getLong("gap_messages"))
        .put("faults_by_protocol", counts.getJsonObject("faults_by_protocol"))
        .put("dialer", new JsonObject().put("sent", dialer.sent()).put("acknowledged", dialer.acknowledged())
            .put("refused", dialer.refused()));
  }
}
