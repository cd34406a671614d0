package com.callcentre.events.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.callcentre.events.runtime.config.Env;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import com.callcentre.events.testsupport.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The whole path with real parts: events produced to the switch topic go through the streams-app
 * (exactly-once, real broker and registry) and two independent edges, to a long-poll client, a
 * WebSocket client, a client that moves between edges, and the demo page in headless Chromium.
 */
class EdgeEndToEndIT {
  private static Pipeline pipeline;
  private static Vertx vertx;
  private static EdgeService edgeA;
  private static EdgeService edgeB;
  /** Held as a field: Vert.x closes a client that is no longer referenced when it is collected. */
  private static io.vertx.core.http.WebSocketClient wsClient;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    pipeline = Pipeline.start("edge-it-streams");
    vertx = Vertx.vertx();
    wsClient = vertx.createWebSocketClient();
    Env edgeSettings = Env.of(pipeline.edgeSettings(Map.of()));
    edgeA = EdgeService.start(EdgeConfig.from(edgeSettings), vertx, false);
    edgeB = EdgeService.start(EdgeConfig.from(edgeSettings), vertx, false);
    await().atMost(Duration.ofSeconds(90)).until(() ->
        get(edgeA, "/ready").statusCode() == 200 && get(edgeB, "/ready").statusCode() == 200 && pipeline.running());
  }

  @AfterAll
  static void stop() {
    wsClient.close();
    edgeA.close();
    edgeB.close();
    vertx.close();
    pipeline.close();
  }

  private static String extension() {
    return Pipeline.newExtension();
  }

  static void produce(String ext, String name, String ucid) throws Exception {
    pipeline.produce(ext, name, ucid);
  }

  private static HttpResponse<String> get(EdgeService edge, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.port() + path)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject poll(EdgeService edge, String ext, String eventId) throws Exception {
    return new JsonObject(get(edge, "/event?extension=" + ext + "&eventid=" + eventId).body());
  }

  @Test
  void eventsReachALongPollClientAndAWebSocketClient() throws Exception {
    String ext = extension();
    List<JsonObject> frames = new CopyOnWriteArrayList<>();
    WebSocket ws = wsClient.connect(new WebSocketConnectOptions()
        .setHost("127.0.0.1").setPort(edgeB.port()).setURI("/ws")).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    ws.textMessageHandler(t -> frames.add(new JsonObject(t)));
    ws.writeTextMessage("{\"op\":\"subscribe\",\"extensions\":[\"" + ext + "\"]}");
    await().atMost(Duration.ofSeconds(5)).until(() -> !frames.isEmpty());

    assertThat(poll(edgeA, ext, "i").getString("event_id")).as("placeholder for an unknown extension").isEqualTo("0");
    var held = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return poll(edgeA, ext, "0");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    String ucid = "e2e-" + ext;
    produce(ext, "C_OFFERED", ucid);
    produce(ext, "C_CONNECTED", ucid);

    JsonObject first = held.get(30, TimeUnit.SECONDS);
    assertThat(first.getString("event_id")).isEqualTo("1");
    assertThat(first.getString("event_name_s")).isEqualTo("C_OFFERED");
    assertThat(poll(edgeA, ext, "1").getString("event_name_s")).isEqualTo("C_CONNECTED");
    await().atMost(Duration.ofSeconds(30)).until(() -> frames.stream().filter(f -> "event".equals(f.getString("type"))).count() == 2);
    assertThat(frames.stream().filter(f -> "event".equals(f.getString("type"))).map(f -> f.getLong("seq")).toList())
        .containsExactly(1L, 2L);
    ws.close();
  }

  @Test
  void aClientMovingBetweenEdgesMidStreamMissesNothing() throws Exception {
    String ext = extension();
    String ucid = "move-" + ext;
    List<String> names = List.of("C_OFFERED", "C_ALERTING", "C_CONNECTED", "C_HOLD", "C_RECONNECT", "C_DROP", "C_CALLEND");
    for (String n : names.subList(0, 3)) {
      produce(ext, n, ucid);
    }
    List<String> seen = new ArrayList<>();
    String id = "0";
    EdgeService on = edgeA;
    while (seen.size() < names.size()) {
      if (seen.size() == 3) {
        for (String n : names.subList(3, names.size())) {
          produce(ext, n, ucid);
        }
        on = edgeB; // the load balancer sends the next poll elsewhere
      }
      JsonObject event = poll(on, ext, id);
      if (!"keepalive".equals(event.getString("event_name_s"))) {
        seen.add(event.getString("event_name_s"));
        id = event.getString("event_id");
      }
    }
    assertThat(seen).containsExactlyElementsOf(names);
  }

  @Test
  void theDemoPageInChromiumFiresTheLegacyCallStartAndCallEndCallbacks() throws Exception {
    String ext = extension();
    ChromeDriver browser = HeadlessChromium.start();
    try {
      browser.get("http://127.0.0.1:" + edgeA.port() + "/demo/index.html");
      browser.findElement(By.id("ext_input")).sendKeys(ext);
      browser.findElement(By.id("ext_button")).click();
      browser.findElement(By.id("ws_input")).sendKeys(ext);
      browser.findElement(By.id("ws_button")).click();
      await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("ws_status")).getText().equals("connected"));
      // Let the legacy script issue its first poll (it starts after 500 ms) so the call is followed live.
      await().atMost(Duration.ofSeconds(10)).until(() -> edgeA.replica().subscriberCount() >= 1);

      String ucid = "browser-" + ext;
      for (String n : List.of("C_OFFERED", "C_ALERTING", "C_CONNECTED")) {
        produce(ext, n, ucid);
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> callbacks(browser).contains("start:C_CONNECTED"));
      produce(ext, "C_DROP", ucid);
      produce(ext, "C_CALLEND", ucid);
      await().atMost(Duration.ofSeconds(30)).until(() -> callbacks(browser).contains("end:C_CALLEND"));

      assertThat(callbacks(browser)).containsExactly("start:C_CONNECTED", "end:C_DROP", "end:C_CALLEND");
      assertThat(browser.findElement(By.id("legacy_events")).getText()).contains("Call start. C_CONNECTED calling_num 3035551212");
      await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("ws_events")).getText().contains("C_CALLEND"));
      Path shot = HeadlessChromium.screenshot(browser, Path.of("target", "demo-page.png"));
      assertThat(Files.size(shot)).isPositive();
    } finally {
      browser.quit();
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> callbacks(ChromeDriver browser) {
    Object result = ((JavascriptExecutor) browser).executeScript(
        "return (window.legacyCallbacks || []).map(function(c){ return c.kind + ':' + c.event.event_name_s; });");
    return (List<String>) result;
  }
}
