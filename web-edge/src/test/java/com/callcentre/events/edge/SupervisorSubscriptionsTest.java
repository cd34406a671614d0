package com.callcentre.events.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A wallboard follows a whole VDN, or everything, over one WebSocket or one SSE stream. */
@ExtendWith(VertxExtension.class)
class SupervisorSubscriptionsTest {
  private EdgeFixture edge;
  private WebSocketClient wsClient;

  @AfterEach
  void stop() {
    wsClient.close();
    edge.close();
  }

  private void start(Vertx vertx, int writeQueueBytes) {
    edge = new EdgeFixture(vertx, EdgeFixture.config(Map.of("EDGE_WRITE_QUEUE_BYTES", Integer.toString(writeQueueBytes))));
    wsClient = vertx.createWebSocketClient();
  }

  private List<JsonObject> subscribe(String frame) throws Exception {
    List<JsonObject> frames = new CopyOnWriteArrayList<>();
    WebSocket ws = wsClient.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(edge.edge.port()).setURI("/ws"))
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    ws.textMessageHandler(t -> frames.add(new JsonObject(t)));
    ws.writeTextMessage(frame);
    await().atMost(Duration.ofSeconds(5)).until(() -> frames.stream().anyMatch(f -> "subscribed".equals(f.getString("type"))));
    return frames;
  }

  private static List<String> events(List<JsonObject> frames) {
    return frames.stream().filter(f -> "event".equals(f.getString("type")))
        .map(f -> f.getString("extension") + "#" + f.getLong("seq") + " " + f.getJsonObject("event").getString("event_name_s"))
        .toList();
  }

  @Test
  void aVdnSubscriptionGetsTheVdnsCallsOnEveryExtensionAndNothingElse(Vertx vertx) throws Exception {
    start(vertx, 64 * 1024);
    edge.append("4567", "C_CONNECTED", "4500");
    edge.append("4568", "C_CONNECTED", "4600");
    List<JsonObject> frames = subscribe("{\"op\":\"subscribe\",\"vdns\":[\"4500\"]}");
    await().atMost(Duration.ofSeconds(5)).until(() -> events(frames).size() == 1);

    edge.append("4568", "C_DROP", "4600");      // another VDN's call
    edge.append("4569", "C_OFFERED", "4500");   // an extension the board has not seen yet
    edge.append("4567", "C_DROP", "4500");
    await().atMost(Duration.ofSeconds(5)).until(() -> events(frames).size() == 3);
    assertThat(events(frames)).containsExactly("4567#1 C_CONNECTED", "4569#1 C_OFFERED", "4567#2 C_DROP");
    assertThat(frames.stream().filter(f -> "subscribed".equals(f.getString("type"))).findFirst().orElseThrow().getJsonArray("vdns"))
        .containsExactly("4500");
  }

  @Test
  void anAllSubscriptionSnapshotLargerThanTheWriteQueueArrivesWholeAndThenLive(Vertx vertx) throws Exception {
    start(vertx, 16 * 1024);
    for (int i = 0; i < 500; i++) {
      edge.append(Integer.toString(10_000 + i), "C_CONNECTED");
    }
    List<JsonObject> frames = subscribe("{\"op\":\"subscribe\",\"all\":true}");
    // About 500 x 400 bytes: many times the 16 KiB write queue, so the snapshot must wait for drains.
    await().atMost(Duration.ofSeconds(10)).until(() -> events(frames).size() == 500);
    edge.append("10007", "C_DROP");
    await().atMost(Duration.ofSeconds(5)).until(() -> events(frames).size() == 501);
    assertThat(events(frames).get(500)).isEqualTo("10007#2 C_DROP");
    assertThat(events(frames).stream().distinct().count()).isEqualTo(501);
    assertThat(edge.get("/metrics").body()).contains("edge_slow_clients_dropped_total{protocol=\"websocket\",service=\"web-edge\"} 0.0");
  }

  @Test
  void anSseVdnStreamNamesEachEventsExtensionInItsId(Vertx vertx) throws Exception {
    start(vertx, 64 * 1024);
    edge.append("4567", "C_CONNECTED", "4500");
    List<String> chunks = new CopyOnWriteArrayList<>();
    edge.onEventLoop(() -> edge.http.request(HttpMethod.GET, edge.edge.port(), "127.0.0.1", "/events?vdn=4500")
        .compose(request -> request.send())
        .map(resp -> resp.handler(b -> chunks.add(b.toString()))));
    await().atMost(Duration.ofSeconds(5)).until(() -> String.join("", chunks).contains("id: 4567:1\n"));
    edge.append("4570", "C_OFFERED", "4500");
    await().atMost(Duration.ofSeconds(5)).until(() -> String.join("", chunks).contains("id: 4570:1\nevent: call-event\n"));
    assertThat(edge.get("/events?vdn=45%2000").status()).isEqualTo(400);
    assertThat(edge.get("/events?all=maybe").body())
        .isEqualTo("{\"error\":\"expected ?extension=E, ?vdn=V or ?all=true with E and V like 4567\"}");
  }
}
