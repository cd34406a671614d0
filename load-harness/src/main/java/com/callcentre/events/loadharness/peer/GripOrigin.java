package com.callcentre.events.loadharness.peer;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The smallest origin that serves the legacy long-poll behind Pushpin: {@code /event?extension=E&eventid=I}
 * answers the next event after I at once when it has one, else tells Pushpin to hold the request on
 * channel E (GRIP headers, with {@code prev-id} so an event published meanwhile is not missed).
 * Events are published through Pushpin's HTTP publish endpoint, each stamped with its own
 * {@code event_time}, in the same JSON as the edge's.
 */
public final class GripOrigin implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setPreferNativeTransport(true));
  private final Map<String, List<String>> events = new ConcurrentHashMap<>();
  private final HttpClient publisher = vertx.createHttpClient(new io.vertx.core.http.PoolOptions().setHttp1MaxSize(16));
  private volatile String publishUrl;
  private HttpServer server;

  /** Where to publish: Pushpin's endpoint, known once Pushpin runs in front of this origin. */
  public void publishTo(String url) {
    this.publishUrl = url;
  }

  public int start() {
    server = await(vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1"));
    return server.actualPort();
  }

  private void handle(HttpServerRequest req) {
    String ext = req.getParam("extension");
    if (ext == null || !req.path().equals("/event")) {
      req.response().setStatusCode(400).end("{\"error\":\"Invalid parameters\"}");
      return;
    }
    long asked = parse(req.getParam("eventid"));
    List<String> list = events.computeIfAbsent(ext, e -> new ArrayList<>());
    synchronized (list) {
      if (asked >= 0 && asked < list.size()) {
        req.response().end(list.get((int) asked)); // the next event after the one the client has
        return;
      }
      if (asked < 0 && !list.isEmpty()) {
        req.response().end(list.get(list.size() - 1));
        return;
      }
      long current = Math.max(0, asked);
      req.response().putHeader("Grip-Hold", "response")
          .putHeader("Grip-Channel", ext + "; prev-id=" + current)
          .putHeader("Grip-Timeout", "600")
          .end(new JsonObject().put("connect_num", ext).put("event_id", Long.toString(current))
              .put("event_name_s", "keepalive").encode());
    }
  }

  /** Appends one event to each extension and publishes them in one request; completes when Pushpin took it. */
  public Future<Void> publish(List<String> extensions) {
    return publish(extensions, Instant.now());
  }

  /** As above, the events stamped with {@code eventTime} (when they were due). */
  public Future<Void> publish(List<String> extensions, Instant eventTime) {
    JsonArray items = new JsonArray();
    String now = eventTime.toString();
    for (String ext : extensions) {
      List<String> list = events.computeIfAbsent(ext, e -> new ArrayList<>());
      String body;
      long seq;
      synchronized (list) {
        seq = list.size() + 1;
        body = new JsonObject().put("event_id", Long.toString(seq)).put("event_name_s", "C_CONNECTED")
            .put("connect_num", ext).put("source", "DIALER").put("event_time", now).put("ingest_time", now).encode();
        list.add(body);
      }
      items.add(new JsonObject().put("channel", ext).put("id", Long.toString(seq)).put("prev-id", Long.toString(seq - 1))
          .put("formats", new JsonObject().put("http-response", new JsonObject().put("body", body))));
    }
    String payload = new JsonObject().put("items", items).encode();
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    vertx.runOnContext(v -> publisher.request(new io.vertx.core.http.RequestOptions().setMethod(HttpMethod.POST)
            .setAbsoluteURI(publishUrl).putHeader("Content-Type", "application/json"))
        .compose(r -> r.send(payload)).compose(r -> r.statusCode() == 200 ? r.body().mapEmpty()
            : r.body().compose(b -> Future.failedFuture("publish answered " + r.statusCode() + ": " + b)))
        .onComplete(ar -> done.handle(ar.mapEmpty())));
    return done.future();
  }

  /** Each extension's last published sequence: what every subscriber should end with. */
  public Map<String, Long> lastSequences() {
    Map<String, Long> out = new java.util.HashMap<>();
    events.forEach((ext, list) -> {
      synchronized (list) {
        out.put(ext, (long) list.size());
      }
    });
    return out;
  }

  private static long parse(String id) {
    try {
      return id == null ? -1 : Long.parseLong(id);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    await(vertx.close());
  }
}
