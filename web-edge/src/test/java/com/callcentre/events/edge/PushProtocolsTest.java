package com.callcentre.events.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** WebSocket, SSE and REST against an edge whose replica the test feeds. */
@ExtendWith(VertxExtension.class)
class PushProtocolsTest {
  private EdgeFixture edge;
  /** Held for the whole test: Vert.x closes a client that is no longer referenced when it is collected. */
  private io.vertx.core.http.WebSocketClient wsClient;

  @BeforeEach
  void start(Vertx vertx) {
    edge = new EdgeFixture(vertx, EdgeFixture.config(Duration.ofSeconds(5), 1000, ""));
    wsClient = vertx.createWebSocketClient();
  }

  @AfterEach
  void stop() {
    wsClient.close();
    edge.close();
  }

  /** A WebSocket client that records every frame it receives. */
  private record Client(WebSocket socket, List<JsonObject> frames) {
    void send(String text) {
      socket.writeTextMessage(text);
    }

    List<JsonObject> ofType(String type) {
      return frames.stream().filter(f -> type.equals(f.getString("type"))).toList();
    }
  }

  private Client connect(String query) throws Exception {
    List<JsonObject> frames = new CopyOnWriteArrayList<>();
    WebSocket ws = wsClient.connect(new WebSocketConnectOptions()
            .setHost("127.0.0.1").setPort(edge.edge.port()).setURI("/ws" + query))
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    ws.textMessageHandler(t -> frames.add(new JsonObject(t)));
    return new Client(ws, frames);
  }

  @Test
  void subscribingGivesTheLatestThenEveryNewEventInOrder() throws Exception {
    edge.append("4567", "C_OFFERED");
    Client c = connect("");
    c.send("{\"op\":\"subscribe\",\"extensions\":[\"4567\",\"4568\"]}");
    await().atMost(Duration.ofSeconds(5)).until(() -> c.ofType("event").size() == 1);

    edge.append("4567", "C_CONNECTED");
    edge.append("4568", "C_OFFERED");
    edge.append("4567", "C_DROP");

    await().atMost(Duration.ofSeconds(5)).until(() -> c.ofType("event").size() == 4);
    assertThat(c.ofType("event")).extracting(f -> f.getString("extension") + "#" + f.getLong("seq") + " "
            + f.getJsonObject("event").getString("event_name_s"))
        .containsExactly("4567#1 C_OFFERED", "4567#2 C_CONNECTED", "4568#1 C_OFFERED", "4567#3 C_DROP");
    assertThat(c.ofType("subscribed")).hasSize(1);
  }

  /*
   * Browsers offer permessage-deflate on every WebSocket. Accepted, it keeps a zlib deflater per
   * socket for as long as it is open (EdgeVerticle.serverOptions), so the edge declines it and
   * events flow uncompressed.
   */
  @Test
  void aClientOfferingCompressionAsBrowsersDoIsServedWithout(Vertx vertx) throws Exception {
    edge.append("4567", "C_OFFERED");
    io.vertx.core.http.WebSocketClient offering = vertx.createWebSocketClient(
        new io.vertx.core.http.WebSocketClientOptions().setTryUsePerMessageCompression(true));
    try {
      List<JsonObject> frames = new CopyOnWriteArrayList<>();
      WebSocket ws = offering.connect(new WebSocketConnectOptions()
              .setHost("127.0.0.1").setPort(edge.edge.port()).setURI("/ws"))
          .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      ws.textMessageHandler(t -> frames.add(new JsonObject(t)));
      ws.writeTextMessage("{\"op\":\"subscribe\",\"extensions\":[\"4567\"]}");
      await().atMost(Duration.ofSeconds(5)).until(() -> frames.stream().anyMatch(f -> "event".equals(f.getString("type"))));
      edge.append("4567", "C_CONNECTED");

      await().atMost(Duration.ofSeconds(5))
          .until(() -> frames.stream().filter(f -> "event".equals(f.getString("type"))).count() == 2);
      assertThat(ws.headers().get("Sec-WebSocket-Extensions")).isNull();
    } finally {
      offering.close();
    }
  }

  @Test
  void resumingWithSinceReplaysWhatWasMissedOrReportsAGap() throws Exception {
    for (int i = 1; i <= 40; i++) {
      edge.append("4567", "E" + i);
    }
    Client resumed = connect("");
    resumed.send("{\"op\":\"subscribe\",\"extensions\":[\"4567\"],\"since\":{\"4567\":35}}");
    await().atMost(Duration.ofSeconds(5)).until(() -> resumed.ofType("event").size() == 5);
    assertThat(resumed.ofType("event")).extracting(f -> f.getLong("seq")).containsExactly(36L, 37L, 38L, 39L, 40L);
    assertThat(resumed.ofType("gap")).isEmpty();

    Client tooOld = connect("");
    tooOld.send("{\"op\":\"subscribe\",\"extensions\":[\"4567\"],\"since\":{\"4567\":2}}");
    await().atMost(Duration.ofSeconds(5)).until(() -> tooOld.ofType("event").size() == 1);
    assertThat(tooOld.ofType("gap")).singleElement().satisfies(g -> assertThat(g.getLong("oldest")).isEqualTo(9L));
    assertThat(tooOld.ofType("event").get(0).getLong("seq")).isEqualTo(40L);
  }

  @Test
  void resumingAheadOfThisEdgeWaitsForItAndOnlyAfterTheGraceCallsItAReset() throws Exception {
    edge.append("4567", "E1");
    edge.append("4567", "E2");
    // Reconnected from an edge that had already sent seq 3: nothing old is repeated.
    Client ahead = connect("");
    ahead.send("{\"op\":\"subscribe\",\"extensions\":[\"4567\"],\"since\":{\"4567\":3}}");
    await().atMost(Duration.ofSeconds(5)).until(() -> ahead.ofType("subscribed").size() == 1);
    edge.append("4567", "E3");
    edge.append("4567", "E4");
    await().atMost(Duration.ofSeconds(5)).until(() -> ahead.ofType("event").size() == 1);
    assertThat(ahead.ofType("event")).extracting(f -> f.getLong("seq")).containsExactly(4L);
    assertThat(ahead.ofType("gap")).isEmpty();

    // Still behind the client after the grace: the sequence was reset; a gap notice, then the latest.
    Client reset = connect("");
    long start = System.nanoTime();
    reset.send("{\"op\":\"subscribe\",\"extensions\":[\"4567\"],\"since\":{\"4567\":57}}");
    await().atMost(Duration.ofSeconds(10)).until(() -> reset.ofType("event").size() == 1);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(com.callcentre.events.edge.subscription.SubscriberSession.AHEAD_GRACE);
    assertThat(reset.ofType("gap")).singleElement().satisfies(g -> assertThat(g.getLong("after")).isEqualTo(57L));
    assertThat(reset.ofType("event").get(0).getLong("seq")).isEqualTo(4L);
  }

  @Test
  void badFramesGetAnErrorAndTheConnectionStaysUp() throws Exception {
    Client c = connect("");
    c.send("not json");
    c.send("{\"op\":\"dance\"}");
    c.send("{\"op\":\"subscribe\",\"extensions\":[\"45 67\"]}");
    c.send("{\"op\":\"subscribe\",\"extensions\":[\"1\",\"2\",\"3\",\"4\"]}");
    c.send("{\"op\":\"subscribe\",\"extensions\":[\"" + "9".repeat(10) + "\"],\"pad\":\"" + "x".repeat(3000) + "\"}");
    await().atMost(Duration.ofSeconds(5)).until(() -> c.ofType("error").size() == 5);
    List<String> reasons = c.ofType("error").stream().map(f -> f.getString("reason")).toList();
    assertThat(reasons.subList(0, 4)).containsExactly(
        "frame is not a JSON object",
        "expected {\"op\":\"subscribe\"|\"unsubscribe\",\"extensions\":[...]}",
        "not an extension: 45 67",
        "at most 3 extensions per connection");
    assertThat(reasons.get(4)).matches("frame of \\d+ characters is over the limit of 2048");

    c.send("{\"op\":\"subscribe\",\"extensions\":[\"4567\"]}");
    edge.append("4567", "C_CONNECTED");
    await().atMost(Duration.ofSeconds(5)).until(() -> c.ofType("event").size() == 1);
    assertThat(c.socket().isClosed()).isFalse();
  }

  @Test
  void aClientThatStopsReadingIsDisconnectedInsteadOfGrowingTheHeap() throws Exception {
    ch.qos.logback.classic.Logger sessionLog = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
        com.callcentre.events.edge.subscription.SubscriberSession.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged = new ch.qos.logback.core.read.ListAppender<>();
    logged.start();
    sessionLog.addAppender(logged);
    Client slow = connect("?name=agent-17");
    slow.send("{\"op\":\"subscribe\",\"extensions\":[\"4567\"]}");
    await().atMost(Duration.ofSeconds(5)).until(() -> slow.ofType("subscribed").size() == 1);
    slow.socket().pause(); // stops reading: the kernel buffers fill, then the edge's write queue (64 KiB here)

    for (int i = 0; i < 40_000 && !slow.socket().isClosed(); i++) {
      edge.append("4567", "E" + i);
    }

    await().atMost(Duration.ofSeconds(20)).until(() -> edge.get("/metrics").body()
        .contains("edge_slow_clients_dropped_total{protocol=\"websocket\",service=\"web-edge\"} 1.0"));
    await().atMost(Duration.ofSeconds(10)).until(() -> edge.replica.subscriberCount() == 0);
    sessionLog.detachAppender(logged);
    // The log line names the client, so whoever reads it knows whose screen stopped.
    assertThat(logged.list).anySatisfy(e -> {
      assertThat(e.getFormattedMessage()).startsWith("websocket client 'agent-17' from 127.0.0.1:").endsWith("cut off: write queue full (the client reads too slowly)");
      assertThat(e.getKeyValuePairs()).anySatisfy(kv -> assertThat(kv.key + "=" + kv.value).isEqualTo("client=agent-17"));
    });
  }

  @Test
  void unsubscribeStopsTheEvents() throws Exception {
    Client c = connect("");
    c.send("{\"op\":\"subscribe\",\"extensions\":[\"4567\"]}");
    await().atMost(Duration.ofSeconds(5)).until(() -> c.ofType("subscribed").size() == 1);
    c.send("{\"op\":\"unsubscribe\",\"extensions\":[\"4567\"]}");
    await().atMost(Duration.ofSeconds(5)).until(() -> edge.replica.subscriberCount() == 0);
    edge.append("4567", "C_CONNECTED");
    c.send("{\"op\":\"subscribe\",\"extensions\":[\"4568\"]}");
    await().atMost(Duration.ofSeconds(5)).until(() -> c.ofType("subscribed").size() == 2);
    assertThat(c.ofType("event")).isEmpty();
  }

  @Test
  void sseResumesFromLastEventId() throws Exception {
    for (int i = 1; i <= 5; i++) {
      edge.append("4567", "E" + i);
    }
    List<String> chunks = new CopyOnWriteArrayList<>();
    edge.onEventLoop(() -> edge.http.request(HttpMethod.GET, edge.edge.port(), "127.0.0.1", "/events?extension=4567")
        .compose(request -> request.putHeader("Last-Event-ID", "3").send())
        .map(resp -> resp.handler(b -> chunks.add(b.toString()))));
    await().atMost(Duration.ofSeconds(5)).until(() -> String.join("", chunks).contains("id: 5"));
    edge.append("4567", "E6");
    await().atMost(Duration.ofSeconds(5)).until(() -> String.join("", chunks).contains("id: 6"));

    String stream = String.join("", chunks);
    assertThat(stream).doesNotContain("id: 3\n").contains("id: 4\nevent: call-event\ndata: {");
    assertThat(stream.indexOf("id: 4")).isLessThan(stream.indexOf("id: 5"));
    assertThat(edge.get("/events").status()).isEqualTo(400);
  }

  @Test
  void restSnapshotsComeFromTheReplica() throws Exception {
    for (int i = 1; i <= 34; i++) {
      edge.append("4567", "E" + i);
    }
    JsonObject list = new JsonObject(edge.get("/api/extensions").body());
    assertThat(list.getJsonArray("extensions").getJsonObject(0).getMap())
        .containsEntry("extension", "4567").containsEntry("seq", 34).containsEntry("last_event_name", "E34");

    JsonObject one = new JsonObject(edge.get("/api/extensions/4567").body());
    assertThat(one.getJsonArray("recent")).hasSize(32);

    JsonObject after = new JsonObject(edge.get("/api/extensions/4567/events?after=30").body());
    assertThat(after.getBoolean("gap")).isFalse();
    assertThat(after.getJsonArray("events")).hasSize(4);
    assertThat(new JsonObject(edge.get("/api/extensions/4567/events?after=1").body()).getBoolean("gap")).isTrue();

    EdgeFixture.Reply unknown = edge.get("/api/extensions/9999");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).contains("no events yet for extension 9999");
    EdgeFixture.Reply badAfter = edge.get("/api/extensions/4567/events?after=yesterday");
    assertThat(badAfter.status()).isEqualTo(400);
    assertThat(edge.get("/nothing/here").status()).isEqualTo(404);
    assertThat(edge.get("/health").status()).isEqualTo(200);
    assertThat(edge.get("/ready").status()).isEqualTo(200);
    assertThat(edge.get("/metrics").body()).contains("edge_extensions");
  }

  @Test
  void anOversizedHeaderIsAClientErrorNotAServerError() throws Exception {
    EdgeFixture.Reply r = edge.send(HttpMethod.GET, "/event?extension=4567", Map.of("X-Big", "y".repeat(6000)))
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(r.status()).isBetween(400, 499);
  }

  @Test
  void demoPageAndTheUnchangedLegacyScriptAreServedLocally() throws Exception {
    assertThat(edge.get("/demo/index.html").body()).contains("cvlan_ajax_events.js")
        .contains("/webjars/jquery/1.7.2/jquery.min.js");
    EdgeFixture.Reply jquery = edge.get("/webjars/jquery/1.7.2/jquery.min.js");
    assertThat(jquery.status()).isEqualTo(200);
    assertThat(jquery.body()).contains("jQuery v1.7.2");
    String served = edge.get("/demo/js/cvlan_ajax_events.js").body();
    String seed = java.nio.file.Files.readString(java.nio.file.Path.of("src/main/resources/webroot/js/cvlan_ajax_events.js"));
    assertThat(served).isEqualTo(seed).contains("var event_url = app_parms.event_url || 'http://gcs1:38008/event';");
  }
}
