package com.callcentre.events.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.callcentre.events.edge.access.TestTokens;
import com.callcentre.events.edge.subscription.Client;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A client names itself when it subscribes; the edge lists who follows an extension, by name. */
@ExtendWith(VertxExtension.class)
class NamedConnectionsTest {
  private EdgeFixture edge;
  private WebSocketClient wsClient;

  @AfterEach
  void stop() {
    if (wsClient != null) {
      wsClient.close();
    }
    edge.close();
  }

  private WebSocket subscribe(String query, String frame) throws Exception {
    WebSocket ws = wsClient.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(edge.edge.port())
        .setURI("/ws" + query)).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    ws.writeTextMessage(frame);
    return ws;
  }

  private JsonObject subscribers(String ext) throws Exception {
    EdgeFixture.Reply r = edge.get("/api/extensions/" + ext + "/subscribers");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  private static JsonObject named(JsonObject listing, String name) {
    return listing.getJsonArray("subscribers").stream().map(JsonObject.class::cast)
        .filter(s -> java.util.Objects.equals(name, s.getString("name"))).findFirst().orElseThrow();
  }

  @Test
  void theSubscriberListShowsEveryoneFollowingAnExtensionWithNameProtocolAddressAndLastSequence(Vertx vertx)
      throws Exception {
    edge = new EdgeFixture(vertx, EdgeFixture.config(Map.of()));
    wsClient = vertx.createWebSocketClient();
    edge.append("4567", "C_OFFERED", "4500");
    Instant before = Instant.now().minusSeconds(1);

    subscribe("?name=agent-17", "{\"op\":\"subscribe\",\"extensions\":[\"4567\"]}");
    subscribe("", "{\"op\":\"subscribe\",\"vdns\":[\"4500\"]}");         // a wallboard that gave no name
    subscribe("?name=elsewhere", "{\"op\":\"subscribe\",\"extensions\":[\"4999\"]}");
    Future<EdgeFixture.Reply> held = edge.send(HttpMethod.GET, "/event?extension=4567&eventid=1&name=desk%2012", Map.of());
    await().atMost(Duration.ofSeconds(5)).until(() -> subscribers("4567").getInteger("total") == 3);

    JsonObject listing = subscribers("4567");
    assertThat(listing.getString("extension")).isEqualTo("4567");
    assertThat(listing.getInteger("listed")).isEqualTo(3);
    JsonObject agent = named(listing, "agent-17");
    assertThat(agent.getString("protocol")).isEqualTo("websocket");
    assertThat(agent.getString("following")).isEqualTo("extension 4567");
    assertThat(agent.getLong("last_seq")).isEqualTo(1);
    assertThat(agent.getString("remote")).startsWith("127.0.0.1:");
    assertThat(Instant.parse(agent.getString("since"))).isAfter(before);
    JsonObject board = named(listing, null);
    assertThat(board.getString("following")).isEqualTo("vdn 4500");
    assertThat(board.getLong("last_seq")).isEqualTo(1);
    JsonObject desk = named(listing, "desk 12");
    assertThat(desk.getString("protocol")).isEqualTo("longpoll");
    assertThat(desk.getLong("last_seq")).as("the poll waits for the event after 1").isEqualTo(1);

    // The next event answers the held poll (it leaves the list) and moves the others on.
    edge.append("4567", "C_CONNECTED", "4500");
    assertThat(held.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS).body()).contains("C_CONNECTED");
    await().atMost(Duration.ofSeconds(5)).until(() -> named(subscribers("4567"), "agent-17").getLong("last_seq") == 2);
    assertThat(subscribers("4567").getInteger("total")).isEqualTo(2);

    // An extension with no events yet can still have followers; one with none has an empty list.
    assertThat(named(subscribers("4999"), "elsewhere").getLong("last_seq")).isZero();
    assertThat(subscribers("5000").getJsonArray("subscribers")).isEmpty();
  }

  @Test
  void aNameThatIsNotPlainTextIsRefusedOnEveryProtocol(Vertx vertx) throws Exception {
    edge = new EdgeFixture(vertx, EdgeFixture.config(Map.of()));
    for (String uri : List.of("/ws?name=%3Cscript%3E", "/events?extension=4567&name=", "/event?extension=4567&eventid=i&name="
        + "x".repeat(65))) {
      EdgeFixture.Reply r = edge.get(uri);
      assertThat(r.status()).as(uri).isEqualTo(400);
      assertThat(new JsonObject(r.body()).getString("error")).as(uri).isEqualTo(Client.NAME_RULE);
    }
    EdgeFixture.Reply jsonp = edge.get("/event?extension=4567&eventid=i&callback=cb&name=a%0Ab");
    assertThat(jsonp.body()).startsWith("cb(").contains(Client.NAME_RULE);
    assertThat(edge.get("/metrics").body()).contains("edge_bad_input_total{protocol=\"longpoll\",reason=\"bad_name\",service=\"web-edge\"} 2.0");
    assertThat(edge.get("/api/extensions/4%3C5/subscribers").status()).isEqualTo(400);
  }

  @Test
  void onlyATokenForEveryExtensionMayListSubscribers(Vertx vertx) throws Exception {
    edge = new EdgeFixture(vertx, EdgeFixture.config(Duration.ofSeconds(5), 100, TestTokens.SECRET));
    TestTokens tokens = new TestTokens();
    Instant hour = Instant.now().plusSeconds(3600);
    String agent = tokens.issue(TestTokens.Algorithm.HS256, List.of("4567"), List.of(), hour);
    String operator = tokens.issue(TestTokens.Algorithm.HS256, List.of("*"), List.of(), hour);

    assertThat(edge.get("/api/extensions/4567/subscribers").status()).isEqualTo(401);
    EdgeFixture.Reply refused = edge.get("/api/extensions/4567/subscribers?token=" + agent);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body()).contains("listing subscribers needs a token that allows every extension");
    assertThat(edge.get("/api/extensions/4567/subscribers?token=" + operator).status()).isEqualTo(200);
  }
}
