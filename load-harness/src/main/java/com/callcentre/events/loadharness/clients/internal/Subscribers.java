package com.callcentre.events.loadharness.clients.internal;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.HttpClientConfig;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The subscribers of one client process, on one event loop: legacy long-polls that walk
 * {@code eventid} as {@code cvlan_ajax_events.js} does, WebSockets that subscribe and resume with
 * {@code since}, SSE streams that resume with {@code Last-Event-ID}. A dropped subscriber comes back
 * after a second, from where it was. Subscribers live as long as their process: the harness ends a
 * run by stopping the client processes.
 *
 * <p>Every connection leaves from the process's own source address. Vert.x 5.1 ignores the local
 * address of {@code HttpClientOptions} and {@code WebSocketClientOptions} (its newer
 * {@code HttpClientConfig} honours it; eclipse-vertx/vert.x #6320), so the HTTP clients are built
 * from an {@code HttpClientConfig}, and the WebSockets use the JDK's client, bound with
 * {@code localAddress}; their callbacks hop onto the event loop, where all subscriber state lives.
 */
public final class Subscribers {
  private static final long RETRY_MS = 1000;
  /**
   * Subscribers per long-poll HTTP client. Vert.x's pool scans all its connections, busy ones too, for the
   * most recently used free one at every request: with one pool for 3,334 held long-polls that
   * scan was 12 % of the client's event loop.
   */
  static final int POLLS_PER_POOL = 64;

  private final Vertx vertx;
  private final Target target;
  private final Deliveries deliveries;
  private final List<HttpClient> polls = new ArrayList<>();
  private final HttpClient streams;
  private final java.net.http.HttpClient sockets;
  private final List<SubscriberState> all = new ArrayList<>();
  private final LongAdder failures = new LongAdder();
  private final LongAdder reconnects = new LongAdder();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

  public Subscribers(Vertx vertx, Target target, int expected, Deliveries deliveries) {
    this.vertx = vertx;
    this.target = target;
    this.deliveries = deliveries;
    PoolOptions pool = new PoolOptions().setHttp1MaxSize(expected + 100).setMaxWaitQueueSize(-1);
    for (int i = 0; i < pools(expected); i++) {
      polls.add(vertx.createHttpClient(httpConfig(target), pool));
    }
    this.streams = vertx.createHttpClient(httpConfig(target), pool);
    try {
      this.sockets = java.net.http.HttpClient.newBuilder().localAddress(java.net.InetAddress.getByName(target.localAddress()))
          .connectTimeout(java.time.Duration.ofSeconds(30)).executor(java.util.concurrent.Executors.newFixedThreadPool(2))
          .build();
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("bad source address " + target.localAddress(), e);
    }
  }

  /** How many HTTP clients the long-polls are spread over, in a process holding up to {@code expected} subscribers. */
  static int pools(int expected) {
    return Math.max(1, (expected + POLLS_PER_POOL - 1) / POLLS_PER_POOL);
  }

  /** The pool a subscriber's polls go through: always the same one, so its connection is kept alive. */
  static int poolOf(String extension, int pools) {
    return Math.floorMod(extension.hashCode(), pools);
  }

  private static HttpClientConfig httpConfig(Target target) {
    HttpClientConfig config = new HttpClientConfig(new HttpClientOptions().setDefaultHost(target.host())
        .setDefaultPort(target.port()).setKeepAlive(true).setIdleTimeout(0).setTcpNoDelay(true).setConnectTimeout(30_000));
    config.getTcpConfig().setLocalAddress(SocketAddress.inetSocketAddress(0, target.localAddress()));
    return config;
  }

  /** Adds and starts one subscriber; call on the event loop. */
  public void open(String protocol, String extension, String name) {
    SubscriberState s = new SubscriberState(protocol, extension, name);
    all.add(s);
    connect(s);
  }

  private void connect(SubscriberState s) {
    switch (s.protocol) {
      case "longpoll" -> poll(s);
      case "websocket" -> socket(s);
      case "sse" -> stream(s);
      default -> throw new IllegalArgumentException("unknown protocol " + s.protocol);
    }
  }

  // ---- legacy long-poll ----

  private void poll(SubscriberState s) {
    s.held = true;
    String uri = "/event?extension=" + s.extension + "&eventid=" + Math.max(0, s.lastSeq) + "&name=" + s.name;
    HttpClient pool = polls.get(poolOf(s.extension, polls.size()));
    pool.request(HttpMethod.GET, uri).compose(req -> req.send()).compose(this::okBody).onComplete(ar -> {
      s.held = false;
      if (ar.failed()) {
        retry(s, ar.cause());
        return;
      }
      JsonObject json = new JsonObject(ar.result());
      boolean event = !"keepalive".equals(json.getString("event_name_s")) && !"0".equals(json.getString("event_id"));
      if (event) {
        deliveries.received(s, Long.parseLong(json.getString("event_id")), json, Deliveries.nowMicros());
      }
      if (event && target.pauseMs() > 0) {
        vertx.setTimer(target.pauseMs(), id -> poll(s));
      } else {
        // On the next turn of the loop: the answer's connection goes back to its pool only after
        // this callback, and a poll asked for now would open a connection of its own.
        vertx.runOnContext(v -> poll(s));
      }
    });
  }

  // ---- WebSocket ----

  private void socket(SubscriberState s) {
    java.net.URI uri = java.net.URI.create("ws://" + target.host() + ":" + target.port() + "/ws?name=" + s.name);
    sockets.newWebSocketBuilder().buildAsync(uri, new SocketListener(s)).whenComplete((ws, failure) ->
        vertx.runOnContext(v -> {
          if (failure != null) {
            retry(s, failure);
            return;
          }
          JsonObject subscribe = new JsonObject().put("op", "subscribe").put("extensions", new JsonArray().add(s.extension));
          if (s.lastSeq >= 0) {
            subscribe.put("since", new JsonObject().put(s.extension, s.lastSeq));
          }
          ws.sendText(subscribe.encode(), true);
          s.held = true;
        }));
  }

  /** One WebSocket's messages, whole, each time-stamped on arrival and handled on the event loop. */
  private final class SocketListener implements java.net.http.WebSocket.Listener {
    private final SubscriberState s;
    private final StringBuilder text = new StringBuilder();

    SocketListener(SubscriberState s) {
      this.s = s;
    }

    @Override
    public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        long receipt = Deliveries.nowMicros();
        String message = text.toString();
        text.setLength(0);
        vertx.runOnContext(v -> onSocketMessage(s, new JsonObject(message), receipt));
      }
      ws.request(1);
      return null;
    }

    @Override
    public java.util.concurrent.CompletionStage<?> onClose(java.net.http.WebSocket ws, int code, String reason) {
      vertx.runOnContext(v -> {
        retry(s, new IllegalStateException("socket closed by the edge: " + code + " " + reason));
      });
      return null;
    }

    @Override
    public void onError(java.net.http.WebSocket ws, Throwable error) {
      vertx.runOnContext(v -> {
        retry(s, error);
      });
    }
  }

  private void onSocketMessage(SubscriberState s, JsonObject m, long receipt) {
    switch (m.getString("type", "")) {
      case "event" -> deliveries.received(s, m.getLong("seq"), m.getJsonObject("event"), receipt);
      case "gap" -> deliveries.gapMessage();
      case "error" -> count("error frame: " + m.getString("reason"));
      default -> { } // subscribed, pings
    }
  }

  // ---- SSE ----

  private void stream(SubscriberState s) {
    streams.request(HttpMethod.GET, "/events?extension=" + s.extension + "&name=" + s.name).compose(req -> {
      if (s.lastSeq >= 0) {
        req.putHeader("Last-Event-ID", Long.toString(s.lastSeq));
      }
      return req.send();
    }).onComplete(ar -> {
      if (ar.failed() || ar.result().statusCode() != 200) {
        retry(s, ar.failed() ? ar.cause() : new IllegalStateException("HTTP " + ar.result().statusCode()));
        return;
      }
      HttpClientResponse resp = ar.result();
      StringBuilder pending = new StringBuilder();
      s.held = true;
      resp.handler(chunk -> {
        pending.append(chunk.toString());
        int end;
        while ((end = pending.indexOf("\n\n")) >= 0) {
          onSseBlock(s, pending.substring(0, end));
          pending.delete(0, end + 2);
        }
      });
      resp.endHandler(v -> {
        retry(s, new IllegalStateException("stream ended by the edge"));
      });
      resp.exceptionHandler(e -> s.held = false);
    });
  }

  private void onSseBlock(SubscriberState s, String block) {
    String type = "message";
    String data = null;
    for (String line : block.split("\n")) {
      if (line.startsWith("event: ")) {
        type = line.substring(7);
      } else if (line.startsWith("data: ")) {
        data = line.substring(6);
      }
    }
    if (data == null) {
      return; // a ping or the retry hint
    }
    switch (type) {
      case "call-event" -> {
        JsonObject event = new JsonObject(data);
        deliveries.received(s, Long.parseLong(event.getString("event_id")), event, Deliveries.nowMicros());
      }
      case "gap" -> deliveries.gapMessage();
      case "error" -> count("error event: " + data);
      default -> { }
    }
  }

  // ---- common ----

  private Future<String> okBody(HttpClientResponse resp) {
    return resp.body().compose(body -> resp.statusCode() == 200 ? Future.succeededFuture(body.toString())
        : Future.failedFuture("HTTP " + resp.statusCode() + ": " + truncate(body)));
  }

  private void retry(SubscriberState s, Throwable why) {
    s.held = false;
    failures.increment();
    count(s.protocol + ": " + String.valueOf(why.getMessage()).split("\n")[0]);
    vertx.setTimer(RETRY_MS, id -> {
      reconnects.increment();
      connect(s);
    });
  }

  private void count(String reason) {
    errors.computeIfAbsent(reason.length() > 120 ? reason.substring(0, 120) : reason, r -> new LongAdder()).increment();
  }

  private static String truncate(Buffer body) {
    String s = body.toString();
    return s.length() > 200 ? s.substring(0, 200) : s;
  }

  public JsonObject status() {
    JsonObject held = new JsonObject();
    int total = 0;
    for (SubscriberState s : all) {
      if (s.held) {
        held.put(s.protocol, held.getInteger(s.protocol, 0) + 1);
        total++;
      }
    }
    JsonObject errorCounts = new JsonObject();
    errors.forEach((k, v) -> errorCounts.put(k, v.sum()));
    return new JsonObject().put("opened", all.size()).put("held", total).put("held_by_protocol", held)
        .put("failures", failures.sum()).put("reconnects", reconnects.sum()).put("errors", errorCounts);
  }

  /** Subscribers behind the final sequence of their extension, and by how many events in all. */
  public JsonObject verify(JsonObject finalSeqs) {
    long behind = 0;
    long missingTail = 0;
    long checked = 0;
    for (SubscriberState s : all) {
      Long last = finalSeqs.getLong(s.extension);
      if (last == null || s.lastSeq < 0) {
        continue;
      }
      checked++;
      if (s.lastSeq < last) {
        behind++;
        missingTail += last - s.lastSeq;
      }
    }
    return new JsonObject().put("checked", checked).put("behind", behind).put("missing_tail", missingTail);
  }
}
