package com.callcentre.events.loadharness.scenario;

import com.callcentre.events.infra.process.ProcessStats;
import com.callcentre.events.loadharness.BenchConfig;
import com.callcentre.events.loadharness.clients.ClientFleet;
import com.callcentre.events.loadharness.load.Extensions;
import com.callcentre.events.loadharness.load.StateInjector;
import com.callcentre.events.loadharness.measure.Http;
import com.callcentre.events.loadharness.measure.Latencies;
import com.callcentre.events.loadharness.peer.GripOrigin;
import com.callcentre.events.loadharness.peer.PeerFeed;
import com.callcentre.events.loadharness.peer.Pushpin;
import com.callcentre.events.loadharness.report.Console;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * {@code peer}: the same held legacy long-polls, event rate and wake-up, first on our pipeline and
 * then on Pushpin in front of a minimal GRIP origin, one after the other in the same run with the
 * same client processes' code and counts. Prints our figure, Pushpin's and the ratio.
 */
final class PeerScenario implements Scenario {
  private static final Duration SETTLE = Duration.ofSeconds(5);
  private static final List<String> LONG_POLL = List.of("longpoll");

  @Override
  public Outcome run(BenchConfig config, Path runDir, Console console) throws Exception {
    if (!Pushpin.installed()) {
      throw new IllegalStateException("Pushpin is not installed: sudo apt-get install pushpin (bin/bench installs it)");
    }
    int n = config.peerSubscribers();
    Extensions extensions = Extensions.spread(config.extensions());
    List<String> woken = extensions.all().subList(0, Math.min(config.wakeExtensions(), extensions.count()));
    JsonObject ours = new JsonObject();
    JsonObject theirs = new JsonObject();
    Map<String, Histogram> plotted = new LinkedHashMap<>();

    console.line("== ours: %,d legacy long-polls through the whole pipeline", n);
    try (Bench bench = Bench.start(config, runDir, n, console)) {
      JsonObject held = bench.seedAndHold(n, LONG_POLL);
      ours.put("held", held.getInteger("held")).put("rss_bytes_per_connection", held.getLong("rss_bytes_per_connection"));
      MeasuredLoad.Result r = MeasuredLoad.run(bench, config.rate(), config.warmup(), config.duration());
      Report.latency(console, r);
      ours.put("latency_ms", r.json().getJsonObject("latency_ms"))
          .put("edge_to_client_ms", r.json().getJsonObject("latency_by_part_ms").getJsonObject("edge_to_client"));
      Report.copyCorrectness(r.json(), ours);
      plotted.put("call-events (switch/dialer to screen)", r.latencies().overall(Latencies.Part.TOTAL));
      console.line("waking %,d extensions at once: their next sequenced events written to extension-events.v1", woken.size());
      bench.clients.measureFrom(System.currentTimeMillis());
      StateInjector.wake(bench.pipeline.infra().bootstrapServers(), bench.pipeline.infra().registryUrl(), woken);
      ours.put("wake_all", wakeFigures(bench.clients, woken.size()));
      console.line("wake-up: p50 %s ms, all answered %s ms; by part %s", ours.getJsonObject("wake_all").getValue("p50_ms"),
          ours.getJsonObject("wake_all").getValue("all_answered_ms"), ours.getJsonObject("wake_all").getJsonObject("by_part_ms").encode());
    }

    console.line("== Pushpin %s: %,d legacy long-polls through Pushpin to a GRIP origin", "1.36", n);
    try (PeerRun peer = PeerRun.start(runDir, n, config)) {
      theirs = peer.measure(extensions, woken, config, console, plotted);
    }
    JsonObject summary = ours.copy().put("peer", theirs).put("peer_name", "Pushpin 1.36 (Debian)")
        .put("ratios_ours_over_peer", ratios(ours, theirs));
    print(console, ours, theirs);
    return new Outcome(summary, plotted, List.of(
        String.format("RSS/conn %.1f vs %.1f KiB", ours.getLong("rss_bytes_per_connection") / 1024.0,
            theirs.getLong("rss_bytes_per_connection") / 1024.0),
        String.format("wake %,d: %s vs %s ms", woken.size(), wake(ours), wake(theirs)),
        String.format("p99 %s vs %s ms", ours.getJsonObject("latency_ms").getDouble("p99"),
            theirs.getJsonObject("latency_ms").getDouble("p99"))));
  }

  /** Drains the clients and reads how long the last held request took to be answered. */
  static JsonObject wakeFigures(ClientFleet clients, int extensions) {
    Http.pause(Duration.ofSeconds(3));
    long stable = -1;
    for (int i = 0; i < 60; i++) {
      long received = clients.report().counts().getLong("measured");
      if (received == stable) {
        break;
      }
      stable = received;
      Http.pause(Duration.ofSeconds(1));
    }
    ClientFleet.Report r = clients.report();
    Histogram h = r.latencies().overall(Latencies.Part.TOTAL);
    JsonObject s = Latencies.summary(h);
    int held = clients.status().getInteger("held");
    // "All answered" only when all were: an empty or partial answer has no such time.
    // Where the time went (our edges stamp when they wrote; Pushpin does not, so its parts are empty)
    JsonObject parts = new JsonObject();
    for (Latencies.Part part : List.of(Latencies.Part.SEQUENCED_TO_EDGE, Latencies.Part.EDGE_TO_CLIENT)) {
      Histogram p = r.latencies().overall(part);
      if (p.getTotalCount() > 0) {
        parts.put(part.label(), Latencies.summary(p));
      }
    }
    return new JsonObject().put("extensions", extensions).put("answered", h.getTotalCount()).put("held", held)
        .put("p50_ms", h.getTotalCount() == 0 ? null : s.getDouble("p50"))
        .put("all_answered_ms", h.getTotalCount() < held ? null : s.getDouble("max"))
        .put("by_part_ms", parts);
  }

  private static JsonObject ratios(JsonObject ours, JsonObject theirs) {
    return new JsonObject()
        .put("rss_bytes_per_connection", ratio(ours.getLong("rss_bytes_per_connection"), theirs.getLong("rss_bytes_per_connection")))
        .put("wake_all_answered", ratio(allAnswered(ours), allAnswered(theirs)))
        .put("latency_p50", ratio(ours.getJsonObject("latency_ms").getDouble("p50"), theirs.getJsonObject("latency_ms").getDouble("p50")))
        .put("latency_p99", ratio(ours.getJsonObject("latency_ms").getDouble("p99"), theirs.getJsonObject("latency_ms").getDouble("p99")));
  }

  /** NaN when not all were answered: the figure is stored as an explicit null then. */
  private static double allAnswered(JsonObject side) {
    Double ms = side.getJsonObject("wake_all").getDouble("all_answered_ms");
    return ms == null ? Double.NaN : ms;
  }

  private static Double ratio(double a, double b) {
    return b == 0 || Double.isNaN(a) || Double.isNaN(b) ? null : Math.round(100 * a / b) / 100.0;
  }

  private static void print(Console console, JsonObject ours, JsonObject theirs) {
    JsonObject r = ratios(ours, theirs);
    console.table(List.of("figure", "call-events", "Pushpin", "ours/Pushpin"), List.of(
        List.of("held long-polls", ours.getValue("held").toString(), theirs.getValue("held").toString(), ""),
        List.of("RSS per held request (bytes)", ours.getValue("rss_bytes_per_connection").toString(),
            theirs.getValue("rss_bytes_per_connection").toString(), String.valueOf(r.getValue("rss_bytes_per_connection"))),
        List.of("wake-up: all answered (ms)", wake(ours), wake(theirs), String.valueOf(r.getValue("wake_all_answered"))),
        List.of("latency p50 (ms)", ours.getJsonObject("latency_ms").getValue("p50").toString(),
            theirs.getJsonObject("latency_ms").getValue("p50").toString(), String.valueOf(r.getValue("latency_p50"))),
        List.of("latency p99 (ms)", ours.getJsonObject("latency_ms").getValue("p99").toString(),
            theirs.getJsonObject("latency_ms").getValue("p99").toString(), String.valueOf(r.getValue("latency_p99"))),
        List.of("order violations / missing / duplicates",
            ours.getValue("order_violations") + " / " + ours.getValue("missing") + " / " + ours.getValue("duplicates"),
            theirs.getValue("order_violations") + " / " + theirs.getValue("missing") + " / " + theirs.getValue("duplicates"), "")));
    console.line("latency: ours from the switch simulator's or dialer's time stamp through Kafka, the streams-app and "
        + "the edge; Pushpin's from the origin's publish call. Wake-up: ours from writing the sequenced events to Kafka, "
        + "Pushpin's from the publish call.");
  }

  private static String wake(JsonObject side) {
    JsonObject w = side.getJsonObject("wake_all");
    return w.getValue("all_answered_ms") != null ? w.getValue("all_answered_ms").toString()
        : "not all: " + w.getLong("answered") + " of " + w.getInteger("held") + " answered";
  }

  /** Pushpin, its origin and a client fleet of its own. */
  private static final class PeerRun implements AutoCloseable {
    private final GripOrigin origin;
    private final Pushpin pushpin;
    private final ClientFleet clients;

    private PeerRun(GripOrigin origin, Pushpin pushpin, ClientFleet clients) {
      this.origin = origin;
      this.pushpin = pushpin;
      this.clients = clients;
    }

    static PeerRun start(Path runDir, int n, BenchConfig config) {
      GripOrigin origin = new GripOrigin();
      Pushpin pushpin = null;
      try {
        pushpin = Pushpin.start(runDir.resolve("pushpin"), origin.start());
        origin.publishTo(pushpin.publishUrl());
        return new PeerRun(origin, pushpin, ClientFleet.start(n, config.perClient(), runDir, "peer"));
      } catch (RuntimeException e) {
        if (pushpin != null) {
          pushpin.close();
        }
        origin.close();
        throw e;
      }
    }

    JsonObject measure(Extensions extensions, List<String> woken, BenchConfig config, Console console,
        Map<String, Histogram> plotted) throws Exception {
      int n = config.peerSubscribers();
      publish(extensions.all()); // every extension has an event before anyone connects, as on our side
      Http.pause(SETTLE);
      ProcessStats base = pushpin.stats();
      List<ClientFleet.Subscription> subs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        subs.add(new ClientFleet.Subscription("longpoll", extensions.get(i % extensions.count()), "peer-longpoll-" + i));
      }
      long rampStart = System.nanoTime();
      clients.open("127.0.0.1", pushpin.httpPort(), config.pause().toMillis(), subs, config.rampRate());
      JsonObject status = clients.awaitHeld(n, Bench.RAMP_LIMIT);
      double ramp = (System.nanoTime() - rampStart) / 1e9;
      Http.pause(SETTLE);
      int held = status.getInteger("held");
      long perConnection = held == 0 ? 0 : (pushpin.stats().rssBytes() - base.rssBytes()) / held;
      console.line("Pushpin holds %,d of %,d in %.1f s; its processes' RSS grew %,d bytes per held request; failures %d %s",
          held, n, ramp, perConnection, status.getLong("failures"), status.getJsonObject("errors").encode());

      console.line("load: %,d events/s published through Pushpin; warm-up %d s, measured %d s", config.rate(),
          config.warmup().toSeconds(), config.duration().toSeconds());
      long published;
      long publishFailed;
      try (PeerFeed feed = new PeerFeed(origin, extensions)) {
        feed.start(config.rate());
        Http.pause(config.warmup());
        clients.measureFrom(System.currentTimeMillis());
        long before = feed.published();
        Http.pause(config.duration());
        published = feed.published() - before;
        publishFailed = feed.failed();
      }
      MeasuredLoad.drain(clients);
      ClientFleet.Report report = clients.report();
      JsonObject verified = clients.verify(origin.lastSequences());
      Histogram total = report.latencies().overall(Latencies.Part.TOTAL);
      plotted.put("Pushpin (origin publish to screen)", total);
      JsonObject counts = report.counts();
      JsonObject out = new JsonObject()
          .put("held", held)
          .put("rss_bytes_per_connection", perConnection)
          .put("ramp_seconds", Math.round(ramp * 10) / 10.0)
          .put("latency_ms", Latencies.summary(total))
          .put("order_violations", counts.getLong("order_violations"))
          .put("missing", counts.getLong("missing") + verified.getLong("missing_tail"))
          .put("duplicates", counts.getLong("duplicates"))
          .put("published_in_window", published)
          .put("publish_failed", publishFailed)
          .put("errors", status.getJsonObject("errors"))
          .put("failures", status.getLong("failures"));
      console.line("Pushpin took %,d publish items in the %d s window (%,d refused)", published,
          config.duration().toSeconds(), publishFailed);
      console.line("Pushpin latency %s; order violations %d, missing %d, duplicates %d", Report.latencyText(
          out.getJsonObject("latency_ms")), out.getLong("order_violations"), out.getLong("missing"), out.getLong("duplicates"));

      console.line("waking %,d extensions at once: one publish item each", woken.size());
      clients.measureFrom(System.currentTimeMillis());
      try {
        publish(woken);
        out.put("wake_all", wakeFigures(clients, woken.size()));
      } catch (Exception e) {
        // Pushpin did not take the publish in time: that is its figure, not the end of the run.
        console.line("Pushpin did not accept the wake-up publish within 120 s: %s", e);
        out.put("wake_all", wakeFigures(clients, woken.size()).put("publish_error", e.toString()));
      }
      return out;
    }

    /** One item per extension, in requests of 1,000 items sent together. */
    private void publish(List<String> extensions) throws Exception {
      List<Future<Void>> sent = new ArrayList<>();
      for (int i = 0; i < extensions.size(); i += 1000) {
        sent.add(origin.publish(extensions.subList(i, Math.min(extensions.size(), i + 1000))));
      }
      Future.all(sent).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
      try {
        clients.close();
      } finally {
        pushpin.close();
        origin.close();
      }
    }
  }
}
