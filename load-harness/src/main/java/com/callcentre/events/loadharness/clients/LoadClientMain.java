package com.callcentre.events.loadharness.clients;

import com.callcentre.events.loadharness.clients.internal.Deliveries;
import com.callcentre.events.loadharness.clients.internal.Subscribers;
import com.callcentre.events.loadharness.clients.internal.Target;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One load client process: holds up to PER_CLIENT subscribers from one source address on one
 * selector thread ({@link Subscribers}), and answers the harness on a control port (loopback, one
 * Vert.x event loop):
 * <ul>
 *   <li>{@code POST /open} {host, port, local, pause_ms, capacity, rate, subscribers: [[protocol, extension, name], ...]}
 *   <li>{@code GET /status}: opened, held (by protocol), failures, reconnects, errors by reason
 *   <li>{@code POST /measure} {from}: latency counts events originating from then on
 *   <li>{@code GET /report}: counts, correctness and the latency histograms
 *   <li>{@code POST /verify} {final: {extension: seq}}: subscribers short of their extension's last event
 * </ul>
 * Arguments: the control port.
 */
public final class LoadClientMain {
  private final Vertx vertx;
  private final Deliveries deliveries = new Deliveries();
  private Subscribers subscribers;

  private LoadClientMain(Vertx vertx) {
    this.vertx = vertx;
  }

  public static void main(String[] args) {
    int controlPort = Integer.parseInt(args[0]);
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(1)
        .setBlockedThreadCheckInterval(10_000));
    LoadClientMain client = new LoadClientMain(vertx);
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create().setBodyLimit(64L << 20));
    router.post("/open").handler(client::open);
    router.get("/status").handler(ctx -> reply(ctx, client.subscribers == null
        ? CompletableFuture.completedFuture(new JsonObject().put("opened", 0).put("held", 0))
        : client.subscribers.status()));
    router.post("/measure").handler(ctx -> {
      JsonObject window = ctx.body().asJsonObject();
      if (window.containsKey("from")) {
        client.deliveries.measureFrom(window.getLong("from"));
      }
      if (window.containsKey("until")) {
        client.deliveries.measureUntil(window.getLong("until"));
      }
      json(ctx, new JsonObject());
    });
    router.get("/report").handler(ctx -> json(ctx, client.deliveries.report()));
    router.post("/verify").handler(ctx -> reply(ctx, client.subscribers == null
        ? CompletableFuture.completedFuture(new JsonObject())
        : client.subscribers.verify(ctx.body().asJsonObject().getJsonObject("final"))));
    vertx.createHttpServer().requestHandler(router).listen(controlPort, "127.0.0.1")
        .onSuccess(s -> System.out.println("CONTROL " + s.actualPort() + " transport "
            + (vertx.isNativeTransportEnabled() ? "epoll" : "nio")))
        .onFailure(e -> {
          e.printStackTrace();
          System.exit(1);
        });
  }

  private void open(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject();
    if (subscribers == null) {
      subscribers = new Subscribers(Target.fromJson(body), deliveries);
    }
    JsonArray list = body.getJsonArray("subscribers");
    int perTick = Math.max(1, body.getInteger("rate") / 100); // opened every 10 ms
    int[] next = {0};
    vertx.setPeriodic(10, id -> {
      List<String[]> now = new ArrayList<>(perTick);
      for (int i = 0; i < perTick && next[0] < list.size(); i++, next[0]++) {
        JsonArray s = list.getJsonArray(next[0]);
        now.add(new String[] {s.getString(0), s.getString(1), s.getString(2)});
      }
      subscribers.open(now);
      if (next[0] >= list.size()) {
        vertx.cancelTimer(id);
      }
    });
    json(ctx, new JsonObject().put("accepted", list.size()));
  }

  /** Answers with {@code body} once the subscribers' loop has computed it. */
  private static void reply(RoutingContext ctx, CompletableFuture<JsonObject> body) {
    body.whenComplete((json, failure) -> ctx.vertx().runOnContext(v -> {
      if (failure != null) {
        ctx.fail(failure);
      } else {
        json(ctx, json);
      }
    }));
  }

  private static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
  }
}
