package com.callcentre.events.edge.bench;

import com.callcentre.events.edge.EdgeConfig;
import com.callcentre.events.edge.EdgeVerticle;
import com.callcentre.events.runtime.config.Env;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The floor the edge is measured against: a bare Vert.x HTTP server with the edge's own options
 * (epoll, strict thread mode, the same event loops and port sharing) that holds every request and,
 * on a trigger, answers each with one ready-made body of an event's size and the edge's headers.
 * No replica, sessions, JSON building or metrics: what is left is Vert.x, Netty, the kernel and the
 * benchmark's client on this machine. The edge's wake-up over this one's is what the edge adds.
 *
 * <p>Arguments as {@link EdgeLoadTarget}'s: port, extensions (unused: it holds whatever comes), trigger folder. {@code /metrics} answers the held count the way the edge's does.
 */
public final class FloorTarget {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    Path triggers = Path.of(args[2]);
    EdgeConfig config = EdgeLoadTarget.config(port);
    Vertx vertx = Vertx.vertx(config.vertxOptions());
    ConcurrentLinkedQueue<Held> held = new ConcurrentLinkedQueue<>();
    AtomicInteger count = new AtomicInteger();
    vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        return vertx.createHttpServer(EdgeVerticle.serverOptions(config)).requestHandler(req -> {
          if (req.path().equals("/metrics")) {
            req.response().end("edge_connections{kind=\"longpoll\",} " + count.get() + "\n");
          } else {
            held.add(new Held(vertx.getOrCreateContext(), req.response()));
            count.incrementAndGet();
          }
        }).listen();
      }
    }, new DeploymentOptions().setInstances(config.eventLoops())).await();
    System.out.println("READY");
    for (int round = 1; ; round++) {
      Path trigger = triggers.resolve("fire-" + round);
      while (!Files.exists(trigger)) {
        Thread.sleep(20);
      }
      String body = new JsonObject().put("event_id", Integer.toString(round + 1)).put("event_name_s", "C_CONNECTED")
          .put("connect_num", "100000").put("source", "SWITCH").put("event_uuid", "00000000-0000-0000-0000-000000000000")
          .put("event_time", Instant.now().toString()).put("ingest_time", Instant.now().toString())
          .encode(); // the fields of the edge benchmark's events (EdgeLoadTarget)
      for (Held h; (h = held.poll()) != null; ) {
        count.decrementAndGet();
        HttpServerResponse response = h.response;
        h.context.runOnContext(v -> response.putHeader("Access-Control-Allow-Origin", "*")
            .putHeader("Cache-Control", "no-cache, no-store").putHeader("Content-Type", "text/plain; charset=utf-8")
            .end(body));
      }
      System.out.println("FIRED " + round);
    }
  }

  private record Held(Context context, HttpServerResponse response) {}
}
