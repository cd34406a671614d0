package com.callcentre.events.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.callcentre.events.infra.process.ChildJvm;
import com.callcentre.events.infra.process.FreePorts;
import com.callcentre.events.runtime.config.Env;
import com.callcentre.events.testsupport.HeadlessChromium;
import io.vertx.core.Vertx;
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
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * call-events.js in headless Chromium against real edges fed by the real pipeline: a page keeps
 * following a call when its edge is SIGKILLed (it moves to the other edge and resumes by
 * sequence), falls back to SSE and long-poll where WebSocket (and SSE) are refused, and a legacy
 * page that swapped only its script tag still gets its call-start and call-end callbacks.
 */
class BrowserClientIT {
  private static final List<String> CALL = List.of("C_OFFERED", "C_ALERTING", "C_CONNECTED", "C_HOLD", "C_RECONNECT",
      "C_DROP", "C_CALLEND");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static Pipeline pipeline;
  private static Vertx vertx;
  private static Path logs;

  @BeforeAll
  static void start() throws Exception {
    pipeline = Pipeline.start("browser-it-streams");
    vertx = Vertx.vertx();
    logs = Files.createDirectories(Path.of("target", "browser-it"));
    await().atMost(Duration.ofSeconds(90)).until(pipeline::running);
  }

  @AfterAll
  static void stop() {
    vertx.close();
    pipeline.close();
  }

  @Test
  void aPageWhoseEdgeIsKilledMidCallMovesToTheOtherEdgeAndShowsEveryEventOnceInOrder() throws Exception {
    int portA = FreePorts.pick();
    int portB = FreePorts.pick();
    String ext = Pipeline.newExtension();
    try (ChildJvm edgeA = edgeProcess("edge-a", portA); ChildJvm edgeB = edgeProcess("edge-b", portB)) {
      ChromeDriver browser = HeadlessChromium.start();
      try {
        browser.get("http://127.0.0.1:" + portB + "/demo/follow.html?extensions=" + ext
            + "&edges=http://127.0.0.1:" + portA + ",http://127.0.0.1:" + portB);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(browser).stream()
            .anyMatch(s -> s.startsWith("subscribed") && s.contains(":" + portA) && s.contains("websocket")));

        for (String name : CALL.subList(0, 3)) {
          pipeline.produce(ext, name, "kill-" + ext);
        }
        awaitPage(browser, () -> followed(browser).size() == 3);

        edgeA.kill(); // SIGKILL: the page's WebSocket drops with no goodbye
        for (String name : CALL.subList(3, CALL.size())) {
          pipeline.produce(ext, name, "kill-" + ext); // while the page is away, reconnecting
        }
        awaitPage(browser, () -> followed(browser).size() >= CALL.size());

        assertThat(followed(browser)).as("every event once, in order").containsExactlyElementsOf(expected(ext));
        assertThat(status(browser)).anyMatch(s -> s.startsWith("connected") && s.contains(":" + portB));
        HeadlessChromium.screenshot(browser, logs.resolve("failover.png"));
      } finally {
        browser.quit();
      }
    }
  }

  @ParameterizedTest(name = "edge serving {0}: the page falls back to {1}")
  @CsvSource({"'sse,longpoll', sse", "longpoll, longpoll"})
  void whereWebSocketIsRefusedTheFallbackDeliversTheSameCall(String protocols, String fallback) throws Exception {
    EdgeService edge = EdgeService.start(EdgeConfig.from(Env.of(pipeline.edgeSettings(Map.of("EDGE_PROTOCOLS", protocols)))),
        vertx, false);
    String ext = Pipeline.newExtension();
    ChromeDriver browser = HeadlessChromium.start();
    try {
      awaitReady(edge.port());
      browser.get("http://127.0.0.1:" + edge.port() + "/demo/follow.html?extensions=" + ext);
      await().atMost(Duration.ofSeconds(30)).until(() -> status(browser).stream()
          .anyMatch(s -> s.startsWith("connected") && s.contains("\"transport\":\"" + fallback + "\"")));
      for (String name : CALL) {
        pipeline.produce(ext, name, "fallback-" + ext);
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> followed(browser).size() >= CALL.size());
      assertThat(followed(browser)).containsExactlyElementsOf(expected(ext));
      assertThat(status(browser)).anyMatch(s -> s.startsWith("fallback {\"from\":\"websocket\""));
    } finally {
      browser.quit();
      edge.close();
    }
  }

  @Test
  void aLegacyPageThatSwappedOnlyItsScriptTagGetsTheSameCallbacks() throws Exception {
    EdgeService edge = EdgeService.start(EdgeConfig.from(Env.of(pipeline.edgeSettings(Map.of()))), vertx, false);
    String ext = Pipeline.newExtension();
    ChromeDriver browser = HeadlessChromium.start();
    try {
      awaitReady(edge.port());
      browser.get("http://127.0.0.1:" + edge.port() + "/demo/legacy-dropin.html");
      browser.findElement(By.id("ext_input")).sendKeys(ext);
      browser.findElement(By.id("ext_button")).click();
      await().atMost(Duration.ofSeconds(10)).until(() -> edge.replica().subscriberCount() >= 1);
      for (String name : CALL) {
        pipeline.produce(ext, name, "dropin-" + ext);
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> legacyCallbacks(browser).size() >= 3);
      assertThat(legacyCallbacks(browser)).containsExactly("start:C_CONNECTED", "end:C_DROP", "end:C_CALLEND");
      assertThat(browser.findElement(By.id("legacy_events")).getText()).contains("Call start. C_CONNECTED calling_num 3035551212");
    } finally {
      browser.quit();
      edge.close();
    }
  }

  /** Waits up to 30 s for the page; on timeout the failure shows what the page saw and said. */
  private static void awaitPage(ChromeDriver browser, java.util.concurrent.Callable<Boolean> condition) {
    try {
      await().atMost(Duration.ofSeconds(30)).until(condition);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("page saw " + followed(browser) + " with status " + status(browser), e);
    }
  }

  private static List<String> expected(String ext) {
    List<String> out = new ArrayList<>();
    LongStream.rangeClosed(1, CALL.size()).forEach(seq -> out.add(ext + "#" + seq + " " + CALL.get((int) seq - 1)));
    return out;
  }

  private static ChildJvm edgeProcess(String name, int port) {
    List<String> args = pipeline.edgeSettings(Map.of("EDGE_HTTP_PORT", Integer.toString(port), "EDGE_EVENT_LOOPS", "1"))
        .entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
    ChildJvm edge = ChildJvm.start(name, List.of("-Xmx256m", "-XX:+UseSerialGC"), System.getProperty("java.class.path"),
        EdgeMain.class.getName(), args, logs.resolve(name + ".log"));
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      edge.checkAlive();
      return ready(port);
    });
    return edge;
  }

  private static void awaitReady(int port) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> ready(port));
  }

  private static boolean ready(int port) throws InterruptedException {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
    } catch (java.io.IOException notYet) {
      return false;
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> followed(ChromeDriver browser) {
    return (List<String>) ((JavascriptExecutor) browser).executeScript(
        "return window.followed.map(function(e){ return e.extension + '#' + e.seq + ' ' + e.name; });");
  }

  @SuppressWarnings("unchecked")
  private static List<String> status(ChromeDriver browser) {
    return (List<String>) ((JavascriptExecutor) browser).executeScript("return window.followStatus;");
  }

  @SuppressWarnings("unchecked")
  private static List<String> legacyCallbacks(ChromeDriver browser) {
    return (List<String>) ((JavascriptExecutor) browser).executeScript(
        "return (window.legacyCallbacks || []).map(function(c){ return c.kind + ':' + c.event.event_name_s; });");
  }
}
