package com.callcentre.events.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.callcentre.events.infra.process.FreePorts;
import com.callcentre.events.testsupport.HeadlessChromium;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Runs the launcher as bin/run does once it has built (the same main class and the runtime class
 * path the build wrote), then checks what a new user would: within a minute the demo page shows
 * live simulated calls, /event answers with a real event, and Ctrl-C leaves no process behind.
 */
class DevStackLauncherIT {
  @TempDir
  Path data;

  @Test
  void theStackComesUpShowsLiveCallsAndStopsCleanlyOnCtrlC() throws Exception {
    String classpath = "target/classes" + java.io.File.pathSeparator
        + Files.readString(Path.of("target/runtime-classpath.txt")).trim();
    int edgePort = FreePorts.pick();
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", classpath, DevStackMain.class.getName(),
        "--data-dir", data.toString(),
        "--kafka-port", Integer.toString(FreePorts.pick()),
        "--controller-port", Integer.toString(FreePorts.pick()),
        "--registry-port", Integer.toString(FreePorts.pick()),
        "--edge-port", Integer.toString(edgePort))
        .redirectErrorStream(true);
    // Every other listener on a free port, so the test never collides with a stack already running.
    pb.environment().putAll(Map.of("DIALER_ZMQ_ENDPOINT", "tcp://127.0.0.1:0", "DIALER_HTTP_PORT", "0",
        "STREAMS_HTTP_PORT", "0", "SWITCH_HTTP_PORT", "0"));
    pb.environment().put("CALL_EVENTS_CACHE", System.getProperty("user.home") + "/.cache/call-events");
    long started = System.nanoTime();
    Process launcher = pb.start();
    List<String> output = new CopyOnWriteArrayList<>();
    Thread pump = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          output.add(line);
        }
      } catch (java.io.IOException ignored) {
        // the launcher ended
      }
    });
    pump.start();
    List<ProcessHandle> children = new ArrayList<>();
    try {
      await().atMost(Duration.ofSeconds(120)).until(() -> !launcher.isAlive()
          || output.stream().anyMatch(l -> l.contains("Demo page : http://")));
      assertThat(launcher.isAlive()).as(String.join("\n", output)).isTrue();
      launcher.descendants().forEach(children::add);
      assertThat(children).as("broker and registry child processes").hasSizeGreaterThanOrEqualTo(2);

      String base = "http://127.0.0.1:" + edgePort;
      HttpClient http = HttpClient.newHttpClient();
      // Calls from the switch simulator (VDN 4500 and its agents 4500xx) and from the sample dialer feed.
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
          extensions(http, base).stream().anyMatch(e -> ((JsonObject) e).getString("extension").startsWith("4500")));
      System.out.printf("[launcher-it] live calls on the edge %.1f s after start%n", (System.nanoTime() - started) / 1e9);
      String ext = extensions(http, base).stream().map(e -> ((JsonObject) e).getString("extension"))
          .filter(e -> e.startsWith("4500")).findFirst().orElseThrow();

      JsonObject event = new JsonObject(http.send(HttpRequest.newBuilder(URI.create(base + "/event?extension=" + ext + "&eventid=i")).build(),
          HttpResponse.BodyHandlers.ofString()).body());
      assertThat(event.getString("connect_num")).isEqualTo(ext);
      assertThat(Long.parseLong(event.getString("event_id"))).isPositive();
      assertThat(event.getString("event_name_s")).startsWith("C_");
      assertThat(event.getString("source")).isIn("SWITCH", "DIALER");

      ChromeDriver browser = HeadlessChromium.start();
      try {
        browser.get(base + "/");
        await().atMost(Duration.ofSeconds(15)).until(() -> browser.findElement(By.id("extension_list")).getText().contains("4500"));
        browser.findElement(By.id("ws_input")).sendKeys("4500,450001,450002,450003,450004,4501,4502");
        browser.findElement(By.id("ws_button")).click();
        await().atMost(Duration.ofSeconds(60)).until(() -> browser.findElements(By.cssSelector("#ws_events li")).size() >= 3);
        HeadlessChromium.screenshot(browser, Path.of("target", "dev-stack-demo.png"));
      } finally {
        browser.quit();
      }
    } finally {
      // Ctrl-C: SIGINT to the launcher.
      new ProcessBuilder("kill", "-INT", Long.toString(launcher.pid())).start().waitFor();
      boolean exited = launcher.waitFor(90, TimeUnit.SECONDS);
      if (!exited) {
        launcher.destroyForcibly();
      }
      assertThat(exited).as("launcher stopped after Ctrl-C").isTrue();
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
    assertThat(String.join("\n", output)).contains("stopping the dev stack");
  }

  private static JsonArray extensions(HttpClient http, String base) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/extensions")).build(),
          HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? new JsonObject(r.body()).getJsonArray("extensions") : new JsonArray();
    } catch (Exception notYet) {
      return new JsonArray();
    }
  }
}
