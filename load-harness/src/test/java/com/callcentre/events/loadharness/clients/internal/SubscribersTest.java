package com.callcentre.events.loadharness.clients.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The load client's long-polls against a stand-in edge that holds every poll until told to answer. */
class SubscribersTest {
  private static final int SUBSCRIBERS = 300;

  private final Vertx edgeVertx = Vertx.vertx();
  private final Vertx clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
  private final AtomicInteger connections = new AtomicInteger();
  private final Queue<HttpServerRequest> held = new ConcurrentLinkedQueue<>();
  private final Map<String, String> lastEventIdAsked = new ConcurrentHashMap<>();

  @AfterEach
  void stop() throws Exception {
    clientVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    edgeVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private int startEdge() throws Exception {
    HttpServer edge = edgeVertx.createHttpServer().connectionHandler(c -> connections.incrementAndGet())
        .requestHandler(req -> {
          lastEventIdAsked.put(req.getParam("extension"), req.getParam("eventid"));
          held.add(req);
        })
        .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return edge.actualPort();
  }

  /** Answers every held poll with the next event of its extension, as the edge does when one arrives. */
  private void answerAllHeld() {
    List<HttpServerRequest> now = new ArrayList<>();
    for (HttpServerRequest r; (r = held.poll()) != null; ) {
      now.add(r);
    }
    for (HttpServerRequest r : now) {
      long next = Long.parseLong(r.getParam("eventid")) + 1;
      r.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("connect_num", r.getParam("extension"))
          .put("event_id", Long.toString(next)).put("event_name_s", "C_CONNECTED").encode());
    }
  }

  @Test
  void everyLongPollIsHeldOnItsOwnConnectionAndPollsAgainOnItAfterEachEvent() throws Exception {
    Target target = new Target("127.0.0.1", startEdge(), "127.0.0.1", 0);
    Deliveries deliveries = new Deliveries();
    Subscribers subscribers = new Subscribers(clientVertx, target, SUBSCRIBERS, deliveries);
    clientVertx.runOnContext(v -> IntStream.range(0, SUBSCRIBERS)
        .forEach(i -> subscribers.open("longpoll", Integer.toString(45_000_000 + i), "agent-" + i)));
    await().atMost(Duration.ofSeconds(30)).until(() -> held.size() == SUBSCRIBERS);

    for (int round = 1; round <= 3; round++) {
      answerAllHeld();
      int expected = round;
      await().atMost(Duration.ofSeconds(30)).until(() -> held.size() == SUBSCRIBERS
          && lastEventIdAsked.values().stream().allMatch(id -> id.equals(Integer.toString(expected))));
    }

    assertThat(connections).as("one kept-alive connection per held long-poll, reused by each next poll")
        .hasValue(SUBSCRIBERS);
    JsonObject report = deliveries.report();
    assertThat(report.getLong("received")).isEqualTo(3L * SUBSCRIBERS);
    assertThat(report.getLong("order_violations") + report.getLong("missing") + report.getLong("duplicates")).isZero();
    JsonObject status = clientVertx.executeBlocking(() -> subscribers.status(), false)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(status.getInteger("held")).isEqualTo(SUBSCRIBERS);
    assertThat(status.getLong("failures")).isZero();
  }

  @Test
  void longPollsSpreadOverPoolsOfAboutSixtyFourAndEachExtensionKeepsItsPool() {
    assertThat(Subscribers.pools(1)).isEqualTo(1);
    assertThat(Subscribers.pools(Subscribers.POLLS_PER_POOL)).isEqualTo(1);
    assertThat(Subscribers.pools(Subscribers.POLLS_PER_POOL + 1)).isEqualTo(2);
    int pools = Subscribers.pools(16_000);
    assertThat(pools).isEqualTo(250);
    int[] perPool = new int[pools];
    for (int i = 0; i < 16_000; i++) {
      String extension = Integer.toString(45_000_000 + i);
      int pool = Subscribers.poolOf(extension, pools);
      assertThat(Subscribers.poolOf(extension, pools)).isEqualTo(pool);
      perPool[pool]++;
    }
    assertThat(IntStream.of(perPool).max().orElseThrow()).as("no pool scans many more than its share")
        .isLessThanOrEqualTo(2 * Subscribers.POLLS_PER_POOL);
    assertThat(IntStream.of(perPool).min().orElseThrow()).isPositive();
  }
}
