package com.callcentre.events.loadharness.scenario;

import com.callcentre.events.infra.process.ProcessStats;
import com.callcentre.events.loadharness.BenchConfig;
import com.callcentre.events.loadharness.clients.ClientFleet;
import com.callcentre.events.loadharness.load.DialerFeed;
import com.callcentre.events.loadharness.load.Extensions;
import com.callcentre.events.loadharness.measure.Http;
import com.callcentre.events.loadharness.measure.PromText;
import com.callcentre.events.loadharness.measure.SchedulerLog;
import com.callcentre.events.loadharness.pipeline.Pipeline;
import com.callcentre.events.loadharness.pipeline.ServiceProcess;
import com.callcentre.events.loadharness.report.Console;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run's pipeline and clients, and the steps every scenario is made of: seed the extensions,
 * hold subscribers, read the edges' memory and CPU. Closing it stops every process it started.
 */
public final class Bench implements AutoCloseable {
  /** The longest a ramp may take; it also ends after 20 s without a new connection held. */
  static final Duration RAMP_LIMIT = Duration.ofMinutes(20);

  final BenchConfig config;
  final Path runDir;
  final Extensions extensions;
  final Pipeline pipeline;
  final ClientFleet clients;
  final Console console;
  private final SchedulerLog scheduler;
  private int opened;

  private Bench(BenchConfig config, Path runDir, Pipeline pipeline, ClientFleet clients, Console console) {
    this.config = config;
    this.runDir = runDir;
    this.extensions = Extensions.spread(config.extensions());
    this.pipeline = pipeline;
    this.clients = clients;
    this.console = console;
    this.scheduler = SchedulerLog.start(runDir, this::pids);
  }

  /** The pipeline with edges for {@code subscribers}, and client processes enough to hold them. */
  static Bench start(BenchConfig config, Path runDir, int subscribers, Console console) {
    int edges = config.edgesFor(subscribers);
    console.line("starting the pipeline: broker, registry, ingest-dialer, streams-app, %d web-edge JVM(s) on one port", edges);
    Pipeline pipeline = Pipeline.start(config, runDir, edges);
    try {
      ClientFleet clients = ClientFleet.start(subscribers, config.perClient(), runDir, "bench");
      return new Bench(config, runDir, pipeline, clients, console);
    } catch (RuntimeException e) {
      pipeline.close();
      throw e;
    }
  }

  /** One event per extension through the dialer's HTTP intake; waits until every edge holds them all. */
  void seed() {
    long start = System.nanoTime();
    try (DialerFeed feed = feed()) {
      feed.seed();
    }
    for (ServiceProcess edge : pipeline.edges()) {
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (PromText.sum(edge.metrics(), "edge_extensions") < extensions.count()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(edge.name() + " did not receive all " + extensions.count() + " extensions");
        }
        Http.pause(Duration.ofMillis(250));
      }
    }
    console.line("seeded %,d extensions through the dialer; every edge has them (%.1f s)", extensions.count(),
        (System.nanoTime() - start) / 1e9);
  }

  DialerFeed feed() {
    return new DialerFeed(pipeline.dialerZmqEndpoint(), pipeline.dialerHttpUrl(), extensions);
  }

  /** The next {@code count} subscribers: protocols dealt from the mix, extensions in turn. */
  List<ClientFleet.Subscription> nextSubscriptions(int count, List<String> mix) {
    List<ClientFleet.Subscription> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++, opened++) {
      String protocol = mix.get(opened % mix.size());
      out.add(new ClientFleet.Subscription(protocol, extensions.get(opened % extensions.count()),
          "bench-" + protocol + "-" + opened));
    }
    return out;
  }

  int opened() {
    return opened;
  }

  /** Opens subscribers on the edges' shared port and waits for them to be held; the clients' status after. */
  JsonObject hold(List<ClientFleet.Subscription> more) {
    clients.open("127.0.0.1", pipeline.edgePort(), config.pause().toMillis(), more, config.rampRate());
    // As long as the count keeps growing: the ramp's pace is one of the figures, not a guess.
    return clients.awaitHeld(opened, RAMP_LIMIT);
  }

  /**
   * The common opening: every extension seeded, the edges' idle memory read, then {@code count}
   * subscribers of {@code mix} held; what holding them cost, printed and returned.
   */
  JsonObject seedAndHold(int count, List<String> mix) {
    seed();
    JsonObject held = Holding.baseline(this).add(nextSubscriptions(count, mix));
    console.line("held %,d of %,d subscribers (%s) on %d edge(s), %,d bytes of edge RSS each; failures %d",
        held.getInteger("held"), count, held.getJsonObject("held_by_protocol").encode(), pipeline.edges().size(),
        held.getLong("rss_bytes_per_connection"), held.getLong("failures"));
    return held;
  }

  /** Resident memory and CPU time of every process, by name (edges and clients each). */
  Map<String, ProcessStats> sample() {
    Map<String, ProcessStats> out = new LinkedHashMap<>();
    pids().forEach((name, pid) -> out.put(name, ProcessStats.of(pid)));
    return out;
  }

  /** Every process of the run by name, this harness's own JVM included. */
  Map<String, Long> pids() {
    Map<String, Long> out = new LinkedHashMap<>(pipeline.processes());
    clients.processes().forEach(c -> out.put(c.name(), c.pid()));
    out.put("bench-harness", ProcessHandle.current().pid());
    return out;
  }

  /** Who ran and who waited for a core, second by second, since the pipeline started. */
  List<SchedulerLog.Second> schedulerSeconds() {
    return SchedulerLog.read(runDir);
  }

  static ProcessStats edgesOf(Map<String, ProcessStats> sample) {
    return sample.entrySet().stream().filter(e -> e.getKey().startsWith("web-edge")).map(Map.Entry::getValue)
        .reduce(new ProcessStats(0, 0), ProcessStats::plus);
  }

  /** Connections the edges say they hold, by protocol, summed over the edges. */
  Map<String, Double> edgeConnections() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (ServiceProcess edge : pipeline.edges()) {
      String text = edge.metrics();
      for (String p : List.of("longpoll", "websocket", "sse")) {
        out.merge(p, PromText.sum(text, "edge_connections", "kind=\"" + p + "\""), Double::sum);
      }
    }
    return out;
  }

  @Override
  public void close() {
    scheduler.close();
    try {
      clients.close();
    } finally {
      pipeline.close();
    }
  }
}
