package com.callcentre.events.edge.bench;

import com.callcentre.events.infra.process.ChildJvm;
import com.callcentre.events.infra.process.FreePorts;
import com.callcentre.events.infra.process.ProcessStats;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Held long-poll connections on one edge (its own JVM), over loopback: how much memory each
 * waiting request costs, and how fast all of them are answered when every extension gets an
 * event at once.
 *
 * <pre>bin/bench edge [connections=10000] [floor=true] [client=raw|vertx] [rounds=3] [profile=/tmp/edge.jfr] [jvm=-XX:+UseSerialGC,...] [nmt=true]</pre>
 *
 * <p>{@code floor=true} measures {@link FloorTarget} instead of the edge: a bare Vert.x server with
 * the edge's options that answers every held request with a ready-made body, the same client and
 * machine; what the edge takes beyond it is the edge's own. {@code profile=} records the edge JVM with JDK Flight Recorder (profile settings) into that file;
 * {@code jvm=} gives the edge JVM these options (comma-separated) instead of G1's defaults.
 * {@code nmt=true} turns on the JVM's native memory tracking in the edge and prints, per round,
 * what each of its areas (heap, threads, Netty's direct buffers under "Other", ...) grew by
 * between the idle baseline and the held point, and the live heap's growth by class (a class
 * histogram, whose full GC also shrinks the heap: the RSS figures of such a run are not comparable
 * with a plain run's): where the RSS per waiting request goes. {@code client=} picks the client:
 * {@link RawLongPolls} (the default, two selector threads that only read and stamp) or
 * {@link VertxLongPolls} (Vert.x's HTTP client, which the figures before 2026-11-24's seventh round
 * were measured with).
 */
public final class EdgeHoldBenchmark {
  public static void main(String[] args) throws Exception {
    int connections = 10_000;
    List<String> jvmArgs = new java.util.ArrayList<>(List.of("-Xmx1g", "-XX:+UseG1GC"));
    Class<?> target = EdgeLoadTarget.class;
    boolean nmt = false;
    boolean rawClient = true;
    int rounds = 3;
    for (String a : args) {
      if (a.startsWith("connections=")) {
        connections = Integer.parseInt(a.substring("connections=".length()));
      } else if (a.startsWith("jvm=")) {
        jvmArgs.remove("-XX:+UseG1GC");
        jvmArgs.addAll(List.of(a.substring("jvm=".length()).split(",")));
      } else if (a.equals("floor=true")) {
        target = FloorTarget.class;
      } else if (a.startsWith("rounds=")) {
        rounds = Integer.parseInt(a.substring("rounds=".length()));
      } else if (a.startsWith("client=")) {
        rawClient = switch (a.substring("client=".length())) {
          case "raw" -> true;
          case "vertx" -> false;
          default -> throw new IllegalArgumentException("client= is raw or vertx, not " + a);
        };
      } else if (a.equals("nmt=true")) {
        nmt = true;
        jvmArgs.add("-XX:NativeMemoryTracking=summary");
      } else if (a.startsWith("profile=")) {
        jvmArgs.add("-XX:StartFlightRecording=settings=profile,filename=" + a.substring("profile=".length()));
      }
    }
    Path dir = Files.createTempDirectory("edge-bench-");
    int port = FreePorts.pick();
    try (ChildJvm edge = ChildJvm.start("edge-under-load", jvmArgs,
        System.getProperty("java.class.path"), target.getName(),
        List.of(Integer.toString(port), Integer.toString(connections), dir.toString()), dir.resolve("edge.log"))) {
      waitFor(edge, "READY", Duration.ofSeconds(60));
      Thread.sleep(2000); // let start-up garbage settle before the baseline
      long rssBefore = ProcessStats.of(edge.pid()).rssBytes() / 1024;
      NativeMemory baseline = nmt ? NativeMemory.of(edge.pid()) : null;
      LiveHeap liveBefore = nmt ? LiveHeap.of(edge.pid()) : null;

      HttpClient metrics = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      try (HoldingClient client = rawClient ? new RawLongPolls(port, connections, 2) : new VertxLongPolls(port, connections)) {
        System.out.printf("edge hold benchmark: %d cores, one %s JVM (%s), %s client in another JVM, loopback%n",
            Runtime.getRuntime().availableProcessors(), target.getSimpleName(), String.join(" ", jvmArgs),
            client.getClass().getSimpleName());
        // Rounds of: hold one long-poll per extension, then give every extension an event at once.
        // The first rounds warm the code up; each round's figures are printed.
        for (int round = 1; round <= rounds; round++) {
          long openStart = System.nanoTime();
          int eventId = round;
          client.hold(round, i -> "/event?extension=" + EdgeLoadTarget.ext(i) + "&eventid=" + eventId);
          int held = waitUntilHeld(metrics, port, connections);
          double openSecs = (System.nanoTime() - openStart) / 1e9;
          Thread.sleep(2000);
          long rssHeld = ProcessStats.of(edge.pid()).rssBytes() / 1024;
          if (baseline != null) {
            System.out.printf("round %d: per held request, committed growth by area since idle (KiB): %s%n",
                round, NativeMemory.of(edge.pid()).growthPerUnit(baseline, held));
            System.out.printf("round %d: per held request, live heap growth by class after a full GC (KiB): %s%n",
                round, LiveHeap.of(edge.pid()).growthPerUnit(liveBefore, held, 25));
          }

          ProcessStats edgeBefore = ProcessStats.of(edge.pid());
          ProcessStats clientBefore = ProcessStats.of(ProcessHandle.current().pid());
          Files.createFile(dir.resolve("fire-" + round));
          HoldingClient.Answers answers = client.answers(Duration.ofSeconds(120));
          long[] lat = answers.latenciesNs();
          double edgeCpuUs = ProcessStats.of(edge.pid()).minus(edgeBefore).cpuNanos() / 1e3 / connections;
          double clientCpuUs = ProcessStats.of(ProcessHandle.current().pid()).minus(clientBefore).cpuNanos() / 1e3 / connections;
          System.out.printf("round %d: held %d long-polls (opened in %.1f s); edge RSS %d MiB idle, %d MiB held: %.1f KiB per waiting request%n",
              round, held, openSecs, rssBefore / 1024, rssHeld / 1024, (rssHeld - rssBefore) / (double) held);
          System.out.printf("round %d: one event to each of %d extensions at once: all %d answered; event-to-response ms p50=%.1f p99=%.1f max=%.1f; first event to last answer %.1f ms%n",
              round, connections, lat.length, pct(lat, 50), pct(lat, 99), lat[lat.length - 1] / 1e6, answers.spanNs() / 1e6);
          System.out.printf("round %d: CPU per answer, from the trigger until the last answer: edge %.0f µs (all its threads: feeding the replica, the fan-out, GC, JIT), client %.0f µs%n",
              round, edgeCpuUs, clientCpuUs);
        }
      }
    }
  }

  private static int waitUntilHeld(HttpClient client, int port, int expected) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    int held = 0;
    while (held < expected && System.nanoTime() < deadline) {
      Thread.sleep(500);
      String metrics = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
          .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
      held = metrics.lines().filter(l -> l.startsWith("edge_connections{kind=\"longpoll\"")).findFirst()
          .map(l -> (int) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElse(0);
    }
    return held;
  }

  static void waitFor(ChildJvm child, String line, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!child.logTail(50).contains(line)) {
      child.checkAlive();
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("edge did not print " + line + ":\n" + child.logTail(40));
      }
      Thread.sleep(100);
    }
  }

  static double pct(long[] sorted, double p) {
    int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }
}
