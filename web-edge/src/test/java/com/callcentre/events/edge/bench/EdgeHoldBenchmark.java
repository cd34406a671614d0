package com.callcentre.events.edge.bench;

import com.callcentre.events.infra.process.ChildJvm;
import com.callcentre.events.infra.process.FreePorts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Held long-poll connections on one edge (its own JVM), over loopback: how much memory each
 * waiting request costs, and how fast all of them are answered when every extension gets an
 * event at once.
 *
 * <pre>bin/bench edge [connections=10000] [floor=true] [profile=/tmp/edge.jfr] [jvm=-XX:+UseSerialGC,...] [nmt=true]</pre>
 *
 * <p>{@code floor=true} measures {@link FloorTarget} instead of the edge: a bare Vert.x server with
 * the edge's options that answers every held request with a ready-made body, the same client and
 * machine; what the edge takes beyond it is the edge's own. {@code profile=} records the edge JVM with JDK Flight Recorder (profile settings) into that file;
 * {@code jvm=} gives the edge JVM these options (comma-separated) instead of G1's defaults.
 * {@code nmt=true} turns on the JVM's native memory tracking in the edge and prints, per round,
 * what each of its areas (heap, threads, Netty's direct buffers under "Other", ...) grew by
 * between the idle baseline and the held point, and the live heap's growth by class (a class
 * histogram, whose full GC also shrinks the heap: the RSS figures of such a run are not comparable
 * with a plain run's): where the RSS per waiting request goes.
 */
public final class EdgeHoldBenchmark {
  public static void main(String[] args) throws Exception {
    int connections = 10_000;
    List<String> jvmArgs = new java.util.ArrayList<>(List.of("-Xmx1g", "-XX:+UseG1GC"));
    Class<?> target = EdgeLoadTarget.class;
    boolean nmt = false;
    for (String a : args) {
      if (a.startsWith("connections=")) {
        connections = Integer.parseInt(a.substring("connections=".length()));
      } else if (a.startsWith("jvm=")) {
        jvmArgs.remove("-XX:+UseG1GC");
        jvmArgs.addAll(List.of(a.substring("jvm=".length()).split(",")));
      } else if (a.equals("floor=true")) {
        target = FloorTarget.class;
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
      long rssBefore = rssKb(edge.pid());
      NativeMemory baseline = nmt ? NativeMemory.of(edge.pid()) : null;
      LiveHeap liveBefore = nmt ? LiveHeap.of(edge.pid()) : null;

      Vertx vertx = Vertx.vertx();
      HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setIdleTimeout(0),
          new PoolOptions().setHttp1MaxSize(connections + 10));
      System.out.printf("edge hold benchmark: %d cores, one %s JVM (%s), clients in another JVM, loopback%n",
          Runtime.getRuntime().availableProcessors(), target.getSimpleName(), String.join(" ", jvmArgs));
      // Three rounds of: hold one long-poll per extension, then give every extension an event at once.
      // The first rounds warm the code up; each round's figures are printed.
      for (int round = 1; round <= 3; round++) {
        ConcurrentLinkedQueue<Long> latenciesNs = new ConcurrentLinkedQueue<>();
        List<Future<?>> answers = new ArrayList<>();
        long openStart = System.nanoTime();
        for (int i = 0; i < connections; i++) {
          String ext = EdgeLoadTarget.ext(i);
          answers.add(client.request(HttpMethod.GET, port, "127.0.0.1", "/event?extension=" + ext + "&eventid=" + round)
              .compose(req -> req.send()).compose(resp -> resp.body()).map(body -> {
                Instant ingest = Instant.parse(new JsonObject(body.toString()).getString("ingest_time"));
                latenciesNs.add(Duration.between(ingest, Instant.now()).toNanos());
                return null;
              }));
        }
        int held = waitUntilHeld(client, port, connections);
        double openSecs = (System.nanoTime() - openStart) / 1e9;
        Thread.sleep(2000);
        long rssHeld = rssKb(edge.pid());
        if (baseline != null) {
          System.out.printf("round %d: per held request, committed growth by area since idle (KiB): %s%n",
              round, NativeMemory.of(edge.pid()).growthPerUnit(baseline, held));
          System.out.printf("round %d: per held request, live heap growth by class after a full GC (KiB): %s%n",
              round, LiveHeap.of(edge.pid()).growthPerUnit(liveBefore, held, 25));
        }

        Files.createFile(dir.resolve("fire-" + round));
        Future.all(answers).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        long[] lat = latenciesNs.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("round %d: held %d long-polls (opened in %.1f s); edge RSS %d MiB idle, %d MiB held: %.1f KiB per waiting request%n",
            round, held, openSecs, rssBefore / 1024, rssHeld / 1024, (rssHeld - rssBefore) / (double) held);
        System.out.printf("round %d: one event to each of %d extensions at once: all %d answered; event-to-response ms p50=%.1f p99=%.1f max=%.1f%n",
            round, connections, lat.length, pct(lat, 50), pct(lat, 99), lat[lat.length - 1] / 1e6);
      }
      client.close();
      vertx.close();
    }
  }

  private static int waitUntilHeld(HttpClient client, int port, int expected) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    int held = 0;
    while (held < expected && System.nanoTime() < deadline) {
      Thread.sleep(500);
      String metrics = client.request(HttpMethod.GET, port, "127.0.0.1", "/metrics").compose(r -> r.send())
          .compose(r -> r.body()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).toString();
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

  static long rssKb(long pid) throws Exception {
    return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
        .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElseThrow();
  }

  static double pct(long[] sorted, double p) {
    int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }
}
