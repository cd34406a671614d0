package com.callcentre.events.loadharness.clients;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Subscribers that come and go, as agents' screens do at a shift change: {@code concurrent} of
 * them at any time, alternately WebSocket and SSE, each following a random extension for a random
 * 2 to 20 s before it leaves and another arrives. What a soak needs to show that connections
 * leave nothing behind.
 */
public final class Churn implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final WebSocketClient ws = vertx.createWebSocketClient();
  private final HttpClient http = vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(10_000));
  private final String host;
  private final int port;
  private final List<String> extensions;
  private final AtomicLong opened = new AtomicLong();
  private final AtomicLong closed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong received = new AtomicLong();
  private volatile boolean running = true;

  private Churn(String host, int port, List<String> extensions) {
    this.host = host;
    this.port = port;
    this.extensions = List.copyOf(extensions);
  }

  public static Churn start(String host, int port, List<String> extensions, int concurrent) {
    Churn churn = new Churn(host, port, extensions);
    for (int i = 0; i < concurrent; i++) {
      // spread the first arrivals over 5 s, so the leaving is spread too
      churn.vertx.setTimer(1 + ThreadLocalRandom.current().nextInt(5000), id -> churn.arrive());
    }
    return churn;
  }

  private void arrive() {
    if (!running) {
      return;
    }
    String ext = extensions.get(ThreadLocalRandom.current().nextInt(extensions.size()));
    long stay = 2000 + ThreadLocalRandom.current().nextInt(18_000);
    opened.incrementAndGet();
    if (opened.get() % 2 == 0) {
      ws.connect(new WebSocketConnectOptions().setHost(host).setPort(port).setURI("/ws?name=churn"))
          .onSuccess(socket -> {
            socket.textMessageHandler(t -> received.incrementAndGet());
            socket.writeTextMessage("{\"op\":\"subscribe\",\"extensions\":[\"" + ext + "\"]}");
            vertx.setTimer(stay, id -> socket.close().onComplete(done -> leave()));
          })
          .onFailure(e -> fail());
    } else {
      http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(host).setPort(port)
              .setURI("/events?name=churn&extension=" + ext))
          .compose(req -> req.send().onSuccess(resp -> {
            resp.handler(chunk -> received.incrementAndGet());
            vertx.setTimer(stay, id -> req.connection().close().onComplete(done -> leave()));
          }))
          .onFailure(e -> fail());
    }
  }

  private void leave() {
    closed.incrementAndGet();
    arrive();
  }

  private void fail() {
    failed.incrementAndGet();
    vertx.setTimer(1000, id -> arrive());
  }

  public long opened() {
    return opened.get();
  }

  public long closed() {
    return closed.get();
  }

  public long failed() {
    return failed.get();
  }

  /** Frames and chunks received (events, pings, acknowledgements): that the churners were served. */
  public long received() {
    return received.get();
  }

  @Override
  public void close() {
    running = false;
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
