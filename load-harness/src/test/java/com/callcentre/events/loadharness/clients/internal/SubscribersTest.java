package com.callcentre.events.loadharness.clients.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The load client's three protocols against stand-in edges that answer when told to. */
class SubscribersTest {
  private static final int SUBSCRIBERS = 300;

  private final Vertx edgeVertx = Vertx.vertx();
  private final AtomicInteger connections = new AtomicInteger();
  private final Queue<HttpServerRequest> held = new ConcurrentLinkedQueue<>();
  private final Map<String, String> lastEventIdAsked = new ConcurrentHashMap<>();
  private final Deliveries deliveries = new Deliveries();
  private Subscribers subscribers;

  @AfterEach
  void stop() throws Exception {
    if (subscribers != null) {
      subscribers.close();
    }
    edgeVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private int startEdge(Consumer<HttpServerRequest> requests, Consumer<ServerWebSocket> sockets) throws Exception {
    HttpServer edge = edgeVertx.createHttpServer().connectionHandler(c -> connections.incrementAndGet())
        .requestHandler(requests::accept);
    if (sockets != null) { // without a handler an upgrade is an ordinary request
      edge.webSocketHandler(sockets::accept);
    }
    edge.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return edge.actualPort();
  }

  private Subscribers start(int port, String protocol, int count) {
    subscribers = new Subscribers(new Target("127.0.0.1", port, "127.0.0.1", 0), deliveries);
    List<String[]> list = IntStream.range(0, count)
        .mapToObj(i -> new String[] {protocol, Integer.toString(45_000_000 + i), "agent-" + i}).toList();
    subscribers.open(list);
    return subscribers;
  }

  private JsonObject status() throws Exception {
    return subscribers.status().get(10, TimeUnit.SECONDS);
  }

  private static JsonObject legacyEvent(String extension, long seq) {
    return new JsonObject().put("connect_num", extension).put("event_id", Long.toString(seq))
        .put("event_name_s", "C_CONNECTED").put("event_time", java.time.Instant.now().toString());
  }

  private void assertInOrderWithNoFault(long received) {
    JsonObject report = deliveries.report();
    assertThat(report.getLong("received")).isEqualTo(received);
    assertThat(report.getLong("order_violations") + report.getLong("missing") + report.getLong("duplicates")).isZero();
  }

  // ---- long-poll ----

  /** Answers every held poll with the next event of its extension, as the edge does when one arrives. */
  private void answerAllHeld() {
    List<HttpServerRequest> now = new ArrayList<>();
    for (HttpServerRequest r; (r = held.poll()) != null; ) {
      now.add(r);
    }
    for (HttpServerRequest r : now) {
      long next = Long.parseLong(r.getParam("eventid")) + 1;
      r.response().putHeader("Content-Type", "application/json").end(legacyEvent(r.getParam("extension"), next).encode());
    }
  }

  @Test
  void everyLongPollIsHeldOnItsOwnConnectionAndPollsAgainOnItAfterEachEvent() throws Exception {
    int port = startEdge(req -> {
      lastEventIdAsked.put(req.getParam("extension"), req.getParam("eventid"));
      held.add(req);
    }, ws -> ws.close());
    start(port, "longpoll", SUBSCRIBERS);
    await().atMost(Duration.ofSeconds(30)).until(() -> held.size() == SUBSCRIBERS);

    for (int round = 1; round <= 3; round++) {
      answerAllHeld();
      int expected = round;
      await().atMost(Duration.ofSeconds(30)).until(() -> held.size() == SUBSCRIBERS
          && lastEventIdAsked.values().stream().allMatch(id -> id.equals(Integer.toString(expected))));
    }

    assertThat(connections).as("one kept-alive connection per held long-poll, reused by each next poll")
        .hasValue(SUBSCRIBERS);
    assertInOrderWithNoFault(3L * SUBSCRIBERS);
    JsonObject status = status();
    assertThat(status.getInteger("held")).isEqualTo(SUBSCRIBERS);
    assertThat(status.getLong("failures")).isZero();
  }

  @Test
  void connectionsLeaveFromNamedSourcePortsAndSkipThoseInUse() throws Exception {
    List<Integer> sourcePorts = new CopyOnWriteArrayList<>();
    int port = startEdge(req -> {
      sourcePorts.add(req.connection().remoteAddress().port());
      held.add(req);
    }, ws -> ws.close());
    ServerSocket occupied = new ServerSocket();
    try (occupied) {
      try {
        occupied.bind(new java.net.InetSocketAddress("127.0.0.1", LocalPorts.FIRST));
      } catch (IOException alreadyTaken) {
        // taken by something else on this machine: in use all the same
      }
      start(port, "longpoll", 3);
      await().atMost(Duration.ofSeconds(10)).until(() -> held.size() == 3);
    }
    // Earlier tests' connections may still hold ports after FIRST (TIME_WAIT): skipped the same way.
    assertThat(sourcePorts).doesNotHaveDuplicates().doesNotContain(LocalPorts.FIRST)
        .allSatisfy(p -> assertThat(p).isBetween(LocalPorts.FIRST + 1, LocalPorts.LAST));
    assertThat(status().getLong("failures")).isZero();
  }

  @Test
  void sourcePortsComeInTurnAndWrapBelowTheEphemeralRange() {
    LocalPorts ports = new LocalPorts(LocalPorts.LAST - 1);
    assertThat(List.of(ports.next(), ports.next(), ports.next())).containsExactly(LocalPorts.LAST - 1, LocalPorts.LAST,
        LocalPorts.FIRST);
    assertThat(LocalPorts.LAST).as("below Linux's default ephemeral range, where port-0 binds search")
        .isLessThan(32_768);
    assertThat(LocalPorts.LAST - LocalPorts.FIRST + 1).as("room for a client's most subscribers (PER_CLIENT <= 18,000)")
        .isGreaterThan(18_000);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LocalPorts(80)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keepAlivesAndPlaceholdersAreNotEventsAndTheWalkGoesOn() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    int port = startEdge(req -> {
      String ext = req.getParam("extension");
      JsonObject body = switch (asked.incrementAndGet()) {
        case 1 -> new JsonObject().put("connect_num", ext).put("call_unique_id", "00000000-0000-0000-0000-000000000000")
            .put("event_id", "0");
        case 2 -> new JsonObject().put("connect_num", ext).put("event_id", "0").put("event_name_s", "keepalive");
        case 3 -> legacyEvent(ext, 1);
        default -> null;
      };
      if (body != null) {
        req.response().end(body.encode());
      } else {
        lastEventIdAsked.put(ext, req.getParam("eventid"));
      }
    }, ws -> ws.close());
    start(port, "longpoll", 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> "1".equals(lastEventIdAsked.get("45000000")));
    assertInOrderWithNoFault(1);
    assertThat(status().getLong("failures")).isZero();
  }

  @Test
  void anErrorAnswerIsCountedWithItsReasonAndThePollComesBackASecondLater() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    List<Long> askedAt = new CopyOnWriteArrayList<>();
    int port = startEdge(req -> {
      askedAt.add(System.nanoTime());
      if (asked.incrementAndGet() == 1) {
        req.response().setStatusCode(503).end("{\"error\":\"edge not ready\"}");
      } else {
        held.add(req);
      }
    }, ws -> ws.close());
    start(port, "longpoll", 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> held.size() == 1);

    JsonObject status = status();
    assertThat(status.getLong("failures")).isEqualTo(1);
    assertThat(status.getLong("reconnects")).isEqualTo(1);
    assertThat(status.getJsonObject("errors").fieldNames()).containsExactly("longpoll: HTTP 503: {\"error\":\"edge not ready\"}");
    assertThat(status.getInteger("held")).isEqualTo(1);
    assertThat(askedAt.get(1) - askedAt.get(0)).as("the retry waits its second")
        .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(Subscribers.RETRY_MS - 50));
  }

  @Test
  void anAnswerThatIsNotHttpIsCountedAndTheSubscriberTriesAgain() throws Exception {
    try (ServerSocket garbage = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread server = new Thread(() -> {
        try {
          while (!garbage.isClosed()) {
            Socket s = garbage.accept();
            s.getOutputStream().write("SSH-2.0-OpenSSH_9.2\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
          }
        } catch (IOException closed) {
          // the test is over
        }
      });
      server.setDaemon(true);
      server.start();
      start(garbage.getLocalPort(), "longpoll", 1);
      await().atMost(Duration.ofSeconds(10)).until(() -> status().getLong("failures") >= 2);
      assertThat(status().getJsonObject("errors").fieldNames())
          .containsExactly("longpoll: IllegalStateException: not an HTTP answer: SSH-2.0-OpenSSH_9.2");
      assertThat(deliveries.report().getLong("received")).isZero();
    }
  }

  // ---- WebSocket ----

  @Test
  void aWebSocketSubscribesAnswersPingsReadsFragmentedAndLargeMessagesAndResumesAfterAClose() throws Exception {
    List<JsonObject> subscribes = new CopyOnWriteArrayList<>();
    List<ServerWebSocket> sockets = new CopyOnWriteArrayList<>();
    AtomicInteger pongs = new AtomicInteger();
    int port = startEdge(req -> req.response().setStatusCode(404).end(), ws -> {
      ws.pongHandler(b -> pongs.incrementAndGet());
      ws.textMessageHandler(text -> subscribes.add(new JsonObject(text)));
      sockets.add(ws);
    });
    start(port, "websocket", 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> subscribes.size() == 1);
    assertThat(subscribes.get(0)).isEqualTo(new JsonObject().put("op", "subscribe")
        .put("extensions", new io.vertx.core.json.JsonArray().add("45000000")));

    ServerWebSocket ws = sockets.get(0);
    edgeVertx.runOnContext(v -> {
      ws.writePing(Buffer.buffer("ping"));
      ws.writeTextMessage(new JsonObject().put("type", "subscribed").encode());
      ws.writeTextMessage(socketEvent(1, "small").encode());
      String big = socketEvent(2, "x".repeat(70_000)).encode(); // a 64-bit length
      ws.writeTextMessage(big);
      String mid = socketEvent(3, "y".repeat(300)).encode(); // a 16-bit length, in three frames
      ws.writeFrame(WebSocketFrame.textFrame(mid.substring(0, 100), false));
      ws.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(mid.substring(100, 200)), false));
      ws.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(mid.substring(200)), true));
      ws.writeTextMessage(new JsonObject().put("type", "gap").put("extension", "45000000").encode());
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> deliveries.report().getLong("received") == 3 && pongs.get() == 1);
    assertThat(deliveries.report().getLong("gap_messages")).isEqualTo(1);

    edgeVertx.runOnContext(v -> ws.close((short) 1001, "going away"));
    await().atMost(Duration.ofSeconds(10)).until(() -> subscribes.size() == 2);
    assertThat(subscribes.get(1).getJsonObject("since")).as("resumes after the last event it had")
        .isEqualTo(new JsonObject().put("45000000", 3L));
    JsonObject status = status();
    assertThat(status.getJsonObject("errors").fieldNames()).containsExactly("websocket: socket closed by the edge: 1001 going away");
    assertThat(status.getInteger("held")).isEqualTo(1);
    assertInOrderWithNoFault(3);
  }

  private static JsonObject socketEvent(long seq, String padding) {
    return new JsonObject().put("type", "event").put("extension", "45000000").put("seq", seq)
        .put("event", legacyEvent("45000000", seq).put("padding", padding));
  }

  @Test
  void aRefusedUpgradeIsCountedWithItsStatus() throws Exception {
    int port = startEdge(req -> req.response().setStatusCode(400).end("{\"error\":\"bad name\"}"), null);
    start(port, "websocket", 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> status().getLong("failures") >= 1);
    assertThat(status().getJsonObject("errors").fieldNames()).containsExactly("websocket: HTTP 400 to the upgrade");
  }

  @Test
  void theAcceptKeyAndTheClientsMaskedFramesFollowRfc6455() {
    assertThat(WebSocketConnection.accept("dGhlIHNhbXBsZSBub25jZQ==")).as("RFC 6455's own example")
        .isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    byte[] frame = WebSocketConnection.frame(1, "hi".getBytes(StandardCharsets.UTF_8));
    assertThat(frame[0] & 0xff).isEqualTo(0x81);
    assertThat(frame[1] & 0xff).as("masked, length 2").isEqualTo(0x82);
    assertThat((byte) (frame[6] ^ frame[2])).isEqualTo((byte) 'h');
    assertThat((byte) (frame[7] ^ frame[3])).isEqualTo((byte) 'i');
  }

  // ---- SSE ----

  @Test
  void anSseStreamTakesEventsSplitAcrossChunksSkipsPingsAndResumesWithLastEventId() throws Exception {
    List<HttpServerResponse> streams = new CopyOnWriteArrayList<>();
    List<String> resumedFrom = new CopyOnWriteArrayList<>();
    int port = startEdge(req -> {
      resumedFrom.add(String.valueOf(req.getHeader("Last-Event-ID")));
      HttpServerResponse r = req.response().setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8");
      r.write("retry: 3000\n\n");
      streams.add(r);
    }, ws -> ws.close());
    start(port, "sse", 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> streams.size() == 1 && status().getInteger("held") == 1);

    HttpServerResponse r = streams.get(0);
    String first = sseEvent(1);
    String second = sseEvent(2);
    edgeVertx.runOnContext(v -> {
      r.write(": ping\n\n");
      r.write(first.substring(0, 17)); // one event over three chunks
      r.write(first.substring(17, 40));
      r.write(first.substring(40) + second.substring(0, 5)); // and one chunk over two events
      r.write(second.substring(5));
      r.write("event: gap\ndata: {\"type\":\"gap\"}\n\n");
      r.write("event: call-event\ndata: " + legacyEvent("45000000", 3).put("name", "Zoë 📞").encode() + "\n\n");
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> deliveries.report().getLong("received") == 3);
    assertThat(deliveries.report().getLong("gap_messages")).isEqualTo(1);

    edgeVertx.runOnContext(v -> r.end());
    await().atMost(Duration.ofSeconds(10)).until(() -> streams.size() == 2);
    assertThat(resumedFrom).containsExactly("null", "3");
    assertThat(status().getJsonObject("errors").fieldNames()).containsExactly("sse: stream ended by the edge");
    assertInOrderWithNoFault(3);
  }

  private static String sseEvent(long seq) {
    return "id: " + seq + "\nevent: call-event\ndata: " + legacyEvent("45000000", seq).encode() + "\n\n";
  }

  @Test
  void eventsOutOfOrderAreCountedAsFaultsNotHidden() throws Exception {
    List<HttpServerResponse> streams = new CopyOnWriteArrayList<>();
    int port = startEdge(req -> {
      HttpServerResponse r = req.response().setChunked(true);
      r.write("retry: 3000\n\n");
      streams.add(r);
    }, ws -> ws.close());
    start(port, "sse", 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> streams.size() == 1);
    edgeVertx.runOnContext(v -> streams.get(0).write(sseEvent(1) + sseEvent(3) + sseEvent(3) + sseEvent(2)));
    await().atMost(Duration.ofSeconds(10)).until(() -> deliveries.report().getLong("received") == 4);
    JsonObject report = deliveries.report();
    assertThat(report.getLong("missing")).isEqualTo(1);
    assertThat(report.getLong("duplicates")).isEqualTo(1);
    assertThat(report.getLong("order_violations")).isEqualTo(1);
  }
}
