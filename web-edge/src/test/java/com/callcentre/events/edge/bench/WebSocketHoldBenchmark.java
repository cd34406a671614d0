package com.callcentre.events.edge.bench;

import com.callcentre.events.infra.process.ChildJvm;
import com.callcentre.events.infra.process.FreePorts;
import com.callcentre.events.infra.process.ProcessStats;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Held WebSocket subscribers on one edge (its own JVM, {@link EdgeLoadTarget}), over loopback: the
 * edge's RSS per subscriber once each has its extension's latest event, and after one more event to
 * every extension at once, with how fast those arrived. The clients offer permessage-deflate as
 * browsers do ({@code deflate=false} to not offer it) and the figures say whether it was accepted.
 *
 * <pre>bin/bench edge-ws [connections=5000] [deflate=true]</pre>
 */
public final class WebSocketHoldBenchmark {
  public static void main(String[] args) throws Exception {
    int connections = 5_000;
    boolean deflate = true;
    for (String a : args) {
      if (a.startsWith("connections=")) {
        connections = Integer.parseInt(a.substring("connections=".length()));
      } else if (a.startsWith("deflate=")) {
        deflate = Boolean.parseBoolean(a.substring("deflate=".length()));
      }
    }
    Path dir = Files.createTempDirectory("edge-ws-bench-");
    int port = FreePorts.pick();
    List<String> jvmArgs = List.of("-Xmx1g", "-XX:+UseG1GC");
    try (ChildJvm edge = ChildJvm.start("edge-under-load", jvmArgs, System.getProperty("java.class.path"),
        EdgeLoadTarget.class.getName(), List.of(Integer.toString(port), Integer.toString(connections), dir.toString()),
        dir.resolve("edge.log"))) {
      EdgeHoldBenchmark.waitFor(edge, "READY", Duration.ofSeconds(60));
      Thread.sleep(2000); // let start-up garbage settle before the baseline
      long rssIdle = ProcessStats.of(edge.pid()).rssBytes() / 1024;

      Vertx vertx = Vertx.vertx();
      WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
          .setTryUsePerMessageCompression(deflate).setMaxConnections(connections + 10).setIdleTimeout(0));
      System.out.printf("edge WebSocket benchmark: %d cores, one edge JVM (%s), %d subscribers in another JVM, "
          + "permessage-deflate %s by the clients, loopback%n", Runtime.getRuntime().availableProcessors(),
          String.join(" ", jvmArgs), connections, deflate ? "offered" : "not offered");

      AtomicInteger events = new AtomicInteger();
      AtomicInteger compressed = new AtomicInteger();
      ConcurrentLinkedQueue<Long> wakeNs = new ConcurrentLinkedQueue<>();
      List<Future<WebSocket>> opened = new ArrayList<>();
      long openStart = System.nanoTime();
      for (int i = 0; i < connections; i++) {
        String ext = EdgeLoadTarget.ext(i);
        opened.add(client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws"))
            .onSuccess(ws -> {
              if (ws.headers().contains("Sec-WebSocket-Extensions")) {
                compressed.incrementAndGet();
              }
              ws.textMessageHandler(text -> {
                JsonObject frame = new JsonObject(text);
                if (!"event".equals(frame.getString("type"))) {
                  return;
                }
                if (frame.getLong("seq") > 1) { // the wake-up's event; the first was the latest, sent on subscribing
                  Instant ingest = Instant.parse(frame.getJsonObject("event").getString("ingest_time"));
                  wakeNs.add(Duration.between(ingest, Instant.now()).toNanos());
                }
                events.incrementAndGet();
              });
              ws.writeTextMessage("{\"op\":\"subscribe\",\"extensions\":[\"" + ext + "\"]}");
            }));
      }
      Future.all(opened).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
      awaitCount(events, connections, Duration.ofSeconds(120));
      double openSecs = (System.nanoTime() - openStart) / 1e9;
      Thread.sleep(2000);
      long rssHeld = ProcessStats.of(edge.pid()).rssBytes() / 1024;
      System.out.printf("held %d WebSocket subscribers, each with its latest event (%.1f s); %d of them with "
              + "permessage-deflate; edge RSS %d MiB idle, %d MiB held: %.1f KiB per subscriber%n",
          connections, openSecs, compressed.get(), rssIdle / 1024, rssHeld / 1024, (rssHeld - rssIdle) / (double) connections);

      Files.createFile(dir.resolve("fire-1"));
      awaitCount(events, 2 * connections, Duration.ofSeconds(120));
      long[] lat = wakeNs.stream().mapToLong(Long::longValue).sorted().toArray();
      Thread.sleep(2000);
      long rssAfter = ProcessStats.of(edge.pid()).rssBytes() / 1024;
      System.out.printf("one more event to each of %d extensions at once: all %d received; event-to-frame ms "
              + "p50=%.1f p99=%.1f max=%.1f; edge RSS %d MiB: %.1f KiB per subscriber%n",
          connections, lat.length, EdgeHoldBenchmark.pct(lat, 50), EdgeHoldBenchmark.pct(lat, 99),
          lat[lat.length - 1] / 1e6, rssAfter / 1024, (rssAfter - rssIdle) / (double) connections);
      client.close();
      vertx.close();
    }
  }

  private static void awaitCount(AtomicInteger count, int expected, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count.get() < expected) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + count.get() + " of " + expected + " events arrived in " + timeout);
      }
      Thread.sleep(50);
    }
  }
}
