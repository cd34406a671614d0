package com.callcentre.events.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.callcentre.events.edge.access.TestTokens;
import com.callcentre.events.edge.access.TestTokens.Algorithm;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Subscription tokens are standard JWTs: an edge that verifies HS256 with a shared secret and
 * RS256/ES256 against the identity provider's JWKS (fetched from a URL) lets a valid token follow
 * what it names, on every protocol, and refuses an expired, a not-yet-valid, a forged and an
 * out-of-scope one.
 */
@ExtendWith(VertxExtension.class)
class AccessTokensTest {
  private static final TestTokens PROVIDER = new TestTokens();
  private static Vertx vertx;
  private static HttpServer jwksServer;
  private static EdgeFixture edge;
  private static WebSocketClient wsClient;

  /** Each protocol asked to follow one extension with one token: what the client ends up with. */
  enum Protocol { LONGPOLL, WEBSOCKET, SSE, REST }

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    jwksServer = vertx.createHttpServer().requestHandler(req -> req.response()
        .putHeader("Content-Type", "application/json").end(PROVIDER.jwks())).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    edge = new EdgeFixture(vertx, EdgeFixture.config(Map.of("EDGE_ACCESS", "tokens",
        "EDGE_TOKEN_SECRET", TestTokens.SECRET,
        "EDGE_TOKEN_JWKS", "http://127.0.0.1:" + jwksServer.actualPort() + "/.well-known/jwks.json")));
    wsClient = vertx.createWebSocketClient();
    edge.append("4567", "C_CONNECTED");
    edge.append("4568", "C_CONNECTED");
  }

  @AfterAll
  static void stop() {
    wsClient.close();
    edge.close();
    vertx.close();
  }

  private static Instant inAnHour() {
    return Instant.now().plusSeconds(3600);
  }

  @ParameterizedTest
  @EnumSource(Algorithm.class)
  void aValidTokenFollowsWhatItNamesOnEveryProtocol(Algorithm algorithm) throws Exception {
    String token = PROVIDER.issue(algorithm, List.of("4567"), List.of(), inAnHour());
    for (Protocol p : Protocol.values()) {
      assertThat(follow(p, "4567", token)).as(p + " with a valid " + algorithm + " token").isEqualTo("delivered C_CONNECTED");
    }
  }

  @ParameterizedTest
  @EnumSource(Algorithm.class)
  void expiredNotYetValidForgedAndOutOfScopeTokensAreRefusedOnEveryProtocol(Algorithm algorithm) throws Exception {
    String expired = PROVIDER.issue(algorithm, List.of("4567"), List.of(), Instant.now().minusSeconds(600));
    String notYet = PROVIDER.issue(algorithm, TestTokens.claims(List.of("4567"), List.of(), inAnHour())
        .notBeforeTime(java.util.Date.from(Instant.now().plusSeconds(600))).build());
    String forged = TestTokens.forged(algorithm, List.of("4567"), inAnHour());
    String for4567 = PROVIDER.issue(algorithm, List.of("4567"), List.of(), inAnHour());
    for (Protocol p : Protocol.values()) {
      assertThat(follow(p, "4567", expired)).as(p + " expired").isEqualTo("401 a valid subscription token is required: Expired JWT");
      assertThat(follow(p, "4567", notYet)).as(p + " not yet valid").isEqualTo("401 a valid subscription token is required: JWT before use time");
      assertThat(follow(p, "4567", forged)).as(p + " forged")
          .startsWith("401 a valid subscription token is required: the token's signature");
      assertThat(follow(p, "4568", for4567)).as(p + " out of scope").isEqualTo("403 token does not allow extension 4568");
      assertThat(follow(p, "4567", null)).as(p + " no token").isEqualTo("401 a valid subscription token is required: no token given");
      assertThat(follow(p, "4567", "not.a.jwt")).as(p + " garbage").isEqualTo("401 a valid subscription token is required: the token is not a JWT");
    }
  }

  @Test
  void aVdnTokenLetsASupervisorFollowItsVdnButNotEverything() throws Exception {
    String supervisor = PROVIDER.issue(Algorithm.ES256, List.of(), List.of("4500"), inAnHour());
    List<JsonObject> frames = new CopyOnWriteArrayList<>();
    WebSocket ws = connect(supervisor, frames);
    ws.writeTextMessage("{\"op\":\"subscribe\",\"vdns\":[\"4500\"]}");
    ws.writeTextMessage("{\"op\":\"subscribe\",\"all\":true}");
    ws.writeTextMessage("{\"op\":\"subscribe\",\"vdns\":[\"4999\"]}");
    await().atMost(Duration.ofSeconds(5)).until(() -> frames.stream().filter(f -> "subscribed".equals(f.getString("type"))).count() == 3);
    assertThat(frames.stream().filter(f -> "error".equals(f.getString("type"))).map(f -> f.getString("reason")))
        .containsExactly("token does not allow all extensions", "token does not allow vdn 4999");
    assertThat(frames.stream().filter(f -> "event".equals(f.getString("type"))).map(f -> f.getString("extension")))
        .containsExactlyInAnyOrder("4567", "4568");
    assertThat(follow(Protocol.SSE, "4567", supervisor)).isEqualTo("403 token does not allow extension 4567");
    ws.close();
  }

  @Test
  void aWebSocketIsClosedWhenItsTokenExpires() throws Exception {
    String shortLived = PROVIDER.issue(Algorithm.HS256, List.of("4567"), List.of(), Instant.now().plusSeconds(2));
    WebSocket ws = connect(shortLived, new CopyOnWriteArrayList<>());
    CompletableFuture<Short> closed = new CompletableFuture<>();
    ws.closeHandler(v -> closed.complete(ws.closeStatusCode()));
    assertThat(closed.get(10, TimeUnit.SECONDS)).as("policy violation: token expired").isEqualTo((short) 1008);
    assertThat(ws.closeReason()).isEqualTo("token expired");
  }

  private static WebSocket connect(String token, List<JsonObject> frames) throws Exception {
    WebSocket ws = wsClient.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(edge.edge.port())
        .setURI("/ws?token=" + token)).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    ws.textMessageHandler(t -> frames.add(new JsonObject(t)));
    return ws;
  }

  /** "delivered NAME" when the first event arrived, else "STATUS reason". */
  private static String follow(Protocol protocol, String ext, String token) throws Exception {
    String query = token == null ? "" : "token=" + token;
    return switch (protocol) {
      case LONGPOLL -> outcome(edge.get("/event?extension=" + ext + "&eventid=i&" + query));
      case REST -> outcome(edge.send(HttpMethod.GET, "/api/extensions/" + ext,
              token == null ? Map.of() : Map.of("Authorization", "Bearer " + token))
          .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS));
      case SSE -> sse("/events?extension=" + ext + "&" + query);
      case WEBSOCKET -> webSocket(ext, query);
    };
  }

  private static String outcome(EdgeFixture.Reply reply) {
    JsonObject body = new JsonObject(reply.body());
    if (reply.status() == 200) {
      JsonObject event = body.containsKey("latest") ? body.getJsonObject("latest") : body;
      return "delivered " + event.getString("event_name_s");
    }
    return reply.status() + " " + body.getString("error");
  }

  private static String sse(String uri) throws Exception {
    CompletableFuture<String> result = new CompletableFuture<>();
    edge.onEventLoop(() -> edge.http.request(new RequestOptions().setHost("127.0.0.1").setPort(edge.edge.port()).setURI(uri))
            .compose(req -> req.send())
            .map(resp -> {
              watchSse(resp, result);
              return resp;
            }))
        .onFailure(result::completeExceptionally);
    return result.get(5, TimeUnit.SECONDS);
  }

  /** Completes with the refusal, or with the first call-event of the stream (then drops the stream). */
  private static void watchSse(io.vertx.core.http.HttpClientResponse resp, CompletableFuture<String> result) {
    if (resp.statusCode() != 200) {
      resp.body().onSuccess(b -> result.complete(resp.statusCode() + " " + new JsonObject(b.toString()).getString("error")));
      return;
    }
    StringBuilder stream = new StringBuilder();
    resp.handler(chunk -> {
      stream.append(chunk);
      int data = stream.indexOf("event: call-event\ndata: ");
      int end = data < 0 ? -1 : stream.indexOf("\n\n", data);
      if (end > 0) {
        String json = stream.substring(data + "event: call-event\ndata: ".length(), end);
        result.complete("delivered " + new JsonObject(json).getString("event_name_s"));
        resp.request().reset();
      }
    });
  }

  private static String webSocket(String ext, String query) throws Exception {
    List<JsonObject> frames = new CopyOnWriteArrayList<>();
    WebSocket ws;
    try {
      ws = wsClient.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(edge.edge.port())
          .setURI("/ws?" + query)).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UpgradeRejectedException rejected) {
        return rejected.getStatus() + " " + new JsonObject(rejected.getBody().toString()).getString("error");
      }
      throw e;
    }
    ws.textMessageHandler(t -> frames.add(new JsonObject(t)));
    ws.writeTextMessage("{\"op\":\"subscribe\",\"extensions\":[\"" + ext + "\"]}");
    await().atMost(Duration.ofSeconds(5)).until(() -> frames.stream().anyMatch(f -> "subscribed".equals(f.getString("type"))));
    ws.close();
    return frames.stream()
        .filter(f -> "event".equals(f.getString("type")) || "error".equals(f.getString("type"))).findFirst()
        .map(f -> "event".equals(f.getString("type"))
            ? "delivered " + f.getJsonObject("event").getString("event_name_s")
            : "403 " + f.getString("reason"))
        .orElse("nothing");
  }
}
