package com.callcentre.events.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every rule of the legacy /event contract that cvlan_ajax_events.js depends on. */
@ExtendWith(VertxExtension.class)
class LongPollContractTest {
  private EdgeFixture edge;

  @BeforeEach
  void start(Vertx vertx) {
    edge = new EdgeFixture(vertx, EdgeFixture.config(Duration.ofMillis(700), 1000, ""));
  }

  @AfterEach
  void stop() {
    edge.close();
  }

  private static JsonObject json(EdgeFixture.Reply r) {
    return new JsonObject(r.body());
  }

  /**
   * Every answer may be read by a page from another origin and must never be cached, whether it
   * was held or not; the edge sets these headers only when it answers.
   */
  private static void corsAndNoCache(EdgeFixture.Reply r) {
    assertThat(r.headers()).containsEntry("access-control-allow-origin", "*")
        .containsEntry("cache-control", "no-cache, no-store");
  }

  /** The request stays unanswered for a while: it is being held, not answered. */
  private static void stillWaiting(Future<?> held) {
    org.awaitility.Awaitility.await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5))
        .until(() -> !held.isComplete());
  }

  @Test
  void aMissingExtensionIs400InvalidParametersPlainAndJsonp() throws Exception {
    EdgeFixture.Reply plain = edge.get("/event?eventid=3");
    assertThat(plain.status()).isEqualTo(400);
    assertThat(plain.body()).isEqualTo("{\"error\":\"Invalid parameters\"}");

    EdgeFixture.Reply jsonp = edge.get("/event?extension=&callback=cb");
    assertThat(jsonp.status()).isEqualTo(400);
    assertThat(jsonp.body()).isEqualTo("cb({\"error\":\"Invalid parameters\"});");
    corsAndNoCache(plain);
    corsAndNoCache(jsonp);
  }

  @Test
  void anUnsafeCallbackNameIsRefused() throws Exception {
    EdgeFixture.Reply r = edge.get("/event?extension=4567&callback=alert(1)//");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).doesNotContain("alert");
  }

  @Test
  void anUnknownExtensionGetsThePlaceholderAtOnceWithCors() throws Exception {
    EdgeFixture.Reply r = edge.get("/event?extension=4567&eventid=i");

    assertThat(r.status()).isEqualTo(200);
    assertThat(json(r)).isEqualTo(new JsonObject().put("connect_num", "4567")
        .put("call_unique_id", "00000000-0000-0000-0000-000000000000").put("event_id", "0"));
    corsAndNoCache(r);
    // The script JSON.parses the body itself, so it must not be typed as JSON.
    assertThat(r.headers().get("content-type")).startsWith("text/plain");
  }

  @Test
  void garbageOrTooOldIdsGetTheLatestAtOnce() throws Exception {
    for (int i = 1; i <= 40; i++) {
      edge.append("4567", "E" + i);
    }
    for (String id : List.of("i", "x", "", "abc", "3")) {
      EdgeFixture.Reply r = edge.get("/event?extension=4567&eventid=" + id);
      assertThat(json(r).getString("event_id")).as("eventid=" + id).isEqualTo("40");
      assertThat(json(r).getString("event_name_s")).isEqualTo("E40");
    }
  }

  @Test
  void anOlderIdInTheWindowGetsTheNextEventSoAWalkingClientMissesNothing() throws Exception {
    edge.append("4567", "C_OFFERED");
    edge.append("4567", "C_CONNECTED");
    edge.append("4567", "C_DROP");
    edge.append("4567", "C_CALLEND");

    List<String> walked = new ArrayList<>();
    String id = "1";
    walked.add("C_OFFERED");
    for (int i = 0; i < 3; i++) {
      JsonObject next = json(edge.get("/event?extension=4567&eventid=" + id));
      walked.add(next.getString("event_name_s"));
      id = next.getString("event_id");
    }
    assertThat(walked).containsExactly("C_OFFERED", "C_CONNECTED", "C_DROP", "C_CALLEND");
  }

  @Test
  void theCurrentIdIsHeldUntilANewEventArrives() throws Exception {
    edge.append("4567", "C_OFFERED");
    Future<EdgeFixture.Reply> held = edge.send(HttpMethod.GET, "/event?extension=4567&eventid=1", Map.of());
    stillWaiting(held);

    edge.append("4567", "C_CONNECTED");

    EdgeFixture.Reply r = held.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(json(r).getString("event_id")).isEqualTo("2");
    assertThat(json(r).getString("event_name_s")).isEqualTo("C_CONNECTED");
    assertThat(json(r).getString("calling_num")).isEqualTo("3035551212");
    assertThat(json(r).getString("campaign")).as("dialer keys at the top level, as before").isEqualTo("renewals");
    corsAndNoCache(r);
  }

  @Test
  void aHeldRequestGetsAKeepAliveAfterTheTimeout() throws Exception {
    edge.append("4567", "C_OFFERED");
    long start = System.nanoTime();

    EdgeFixture.Reply r = edge.get("/event?extension=4567&eventid=1");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(650));
    assertThat(json(r)).isEqualTo(new JsonObject().put("connect_num", "4567").put("event_id", "1").put("event_name_s", "keepalive"));
    corsAndNoCache(r);
  }

  @Test
  void eventIdZeroForAnUnknownExtensionWaitsForItsFirstEvent() throws Exception {
    Future<EdgeFixture.Reply> held = edge.send(HttpMethod.GET, "/event?extension=4599&eventid=0", Map.of());
    stillWaiting(held);

    edge.append("4599", "C_CONNECTED");

    assertThat(json(held.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS)).getString("event_id")).isEqualTo("1");
  }

  @Test
  void jsonpWrapsEventsInTheCallback() throws Exception {
    edge.append("4567", "C_CONNECTED");

    EdgeFixture.Reply r = edge.get("/event?extension=4567&eventid=i&callback=jQuery171_123");

    assertThat(r.headers().get("content-type")).startsWith("application/javascript");
    assertThat(r.body()).startsWith("jQuery171_123({").endsWith("});").contains("\"event_name_s\":\"C_CONNECTED\"");
  }

  @Test
  void aStateResetBelowTheClientsIdGetsTheLatestWhenThePollEnds() throws Exception {
    // Newer than this edge's sequence: the client may come from an edge further along, so the
    // poll waits for this one; still behind when the poll ends, it was a reset: the latest.
    edge.append("4567", "E1");
    Future<EdgeFixture.Reply> held = edge.send(HttpMethod.GET, "/event?extension=4567&eventid=57", Map.of());
    stillWaiting(held);
    assertThat(json(held.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS)).getString("event_id"))
        .isEqualTo("1");
  }

  @Test
  void aClientAheadOfThisEdgeWaitsForItInsteadOfGettingAnOldEventAgain() throws Exception {
    // The client had event 3 from another edge behind the same port; this one has only reached 2.
    edge.append("4567", "E1");
    edge.append("4567", "E2");
    Future<EdgeFixture.Reply> held = edge.send(HttpMethod.GET, "/event?extension=4567&eventid=3", Map.of());
    stillWaiting(held);
    edge.append("4567", "E3"); // caught up: still nothing new for the client
    stillWaiting(held);
    edge.append("4567", "E4");
    JsonObject answer = json(held.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS));
    assertThat(answer.getString("event_id")).isEqualTo("4");
    assertThat(answer.getString("event_name_s")).isEqualTo("E4");
  }
}
