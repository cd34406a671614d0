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
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Runs the launcher as bin/run does once it has built (the same main class, JVM flags and the
 * runtime class path the build wrote), then checks what a new user and an admin would: the console
 * shows only progress and addresses; the demo page shows live simulated calls and /event answers
 * with a real event; every metric the dashboards and alert rules query is exported; with Debian's
 * prometheus installed, it scrapes every service and loads the rules; Ctrl-C leaves no process behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevStackLauncherIT {
  private static final Pattern METRICS_LINE = Pattern.compile("^\\s+(\\S+)\\s+(http://\\S+/metrics)$");
  /** Series Prometheus makes itself for each target; no service exports them. */
  private static final Set<String> MADE_BY_PROMETHEUS = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");

  private Path data;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<String> output = new CopyOnWriteArrayList<>();
  private final List<ProcessHandle> children = new ArrayList<>();
  private Process launcher;
  private String edge;
  private int prometheusPort;
  private long started;

  @BeforeAll
  void startTheLauncher(@TempDir Path data) throws Exception {
    this.data = data;
    String classpath = "target/classes" + java.io.File.pathSeparator
        + Files.readString(Path.of("target/runtime-classpath.txt")).trim();
    int edgePort = FreePorts.pick();
    prometheusPort = FreePorts.pick();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-cp", classpath, DevStackMain.class.getName(),
        "--data-dir", data.toString(),
        "--kafka-port", Integer.toString(FreePorts.pick()),
        "--controller-port", Integer.toString(FreePorts.pick()),
        "--registry-port", Integer.toString(FreePorts.pick()),
        "--edge-port", Integer.toString(edgePort),
        "--ops-dir", "../ops"));
    if (LocalPrometheus.installed()) {
      command.addAll(List.of("--prometheus", "--prometheus-port", Integer.toString(prometheusPort)));
    }
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    // Every other listener on a free port, so the test never collides with a stack already running.
    pb.environment().putAll(Map.of("DIALER_ZMQ_ENDPOINT", "tcp://127.0.0.1:0", "DIALER_HTTP_PORT", "0",
        "STREAMS_HTTP_PORT", "0", "SWITCH_HTTP_PORT", "0"));
    pb.environment().put("CALL_EVENTS_CACHE", System.getProperty("user.home") + "/.cache/call-events");
    started = System.nanoTime();
    launcher = pb.start();
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
    await().atMost(Duration.ofSeconds(120)).until(() -> !launcher.isAlive()
        || output.stream().anyMatch(l -> l.contains("Press Ctrl-C to stop.")));
    assertThat(launcher.isAlive()).as(String.join("\n", output)).isTrue();
    launcher.descendants().forEach(children::add);
    assertThat(children).as("broker and registry child processes").hasSizeGreaterThanOrEqualTo(2);
    edge = "http://127.0.0.1:" + edgePort;
  }

  @AfterAll
  void ctrlCStopsEverything() throws Exception {
    // Ctrl-C: SIGINT to the launcher. A build started in the background by a shell without job
    // control runs with SIGINT ignored, and the launcher inherits that, so there SIGTERM stands in:
    // the JVM runs the same shutdown hook for both.
    String signal = sigintIgnored() ? "-TERM" : "-INT";
    if (signal.equals("-TERM")) {
      System.out.println("[launcher-it] SIGINT is ignored in this JVM (started in the background without job control): "
          + "Ctrl-C is checked with SIGTERM, which runs the same shutdown hook");
    }
    new ProcessBuilder("kill", signal, Long.toString(launcher.pid())).start().waitFor();
    boolean exited = launcher.waitFor(90, TimeUnit.SECONDS);
    String stuck = "";
    if (!exited) {
      stuck = whereTheLauncherIsStuck(); // its log file goes with the temporary folder
      launcher.destroyForcibly();
    }
    assertThat(exited).as("launcher stopped after Ctrl-C\n%s", stuck).isTrue();
    await().atMost(Duration.ofSeconds(30)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
    assertThat(String.join("\n", output)).contains("stopping the dev stack");
  }

  /** Whether this process ignores SIGINT (signal 2, bit 1 of /proc's SigIgn mask); its children inherit that. */
  private static boolean sigintIgnored() throws Exception {
    return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("SigIgn:"))
        .map(l -> Long.parseUnsignedLong(l.substring("SigIgn:".length()).trim(), 16))
        .anyMatch(mask -> (mask & (1L << 1)) != 0);
  }

  /** The launcher's threads and the end of its log, for a launcher that did not stop. */
  private String whereTheLauncherIsStuck() throws Exception {
    Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        Long.toString(launcher.pid()), "Thread.print").redirectErrorStream(true).start();
    String threads = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    jcmd.waitFor(30, TimeUnit.SECONDS);
    Path log = data.toAbsolutePath().resolve("logs").resolve("dev-stack.log");
    List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of("(no log file)");
    return "last lines of the log:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()))
        + "\nthreads:\n" + threads;
  }

  @Test
  void theConsoleShowsOnlyProgressAndAddressesTheRestIsInTheLogFile() throws Exception {
    List<String> startUp = output.subList(0, output.indexOf("Press Ctrl-C to stop.") + 1);
    assertThat(startUp).as("no warning on a clean start (JNA, Kafka clients, Streams, Micrometer)")
        .noneMatch(l -> l.contains("WARN") || l.contains("ERROR") || l.contains("Exception"));
    assertThat(startUp).contains("=== call-events dev stack is up ===", "  Metrics (Prometheus text):");
    Path log = data.toAbsolutePath().resolve("logs").resolve("dev-stack.log");
    assertThat(String.join("\n", startUp)).contains("  Logs: " + log);
    assertThat(Files.readString(log)).as("the log file has what the console leaves out").contains("[1/4] starting Kafka");
  }

  @Test
  void theDemoPageShowsLiveCallsAndEventAnswersWithARealEvent() throws Exception {
    // Calls from the switch simulator (VDN 4500 and its agents 4500xx) and from the sample dialer feed.
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
        extensions().stream().anyMatch(e -> ((JsonObject) e).getString("extension").startsWith("4500")));
    System.out.printf("[launcher-it] live calls on the edge %.1f s after start%n", (System.nanoTime() - started) / 1e9);
    String ext = extensions().stream().map(e -> ((JsonObject) e).getString("extension"))
        .filter(e -> e.startsWith("4500")).findFirst().orElseThrow();

    JsonObject event = new JsonObject(get(edge + "/event?extension=" + ext + "&eventid=i").body());
    assertThat(event.getString("connect_num")).isEqualTo(ext);
    assertThat(Long.parseLong(event.getString("event_id"))).isPositive();
    assertThat(event.getString("event_name_s")).startsWith("C_");
    assertThat(event.getString("source")).isIn("SWITCH", "DIALER");

    ChromeDriver browser = HeadlessChromium.start();
    try {
      browser.get(edge + "/");
      await().atMost(Duration.ofSeconds(15)).until(() -> browser.findElement(By.id("extension_list")).getText().contains("4500"));
      browser.findElement(By.id("ws_input")).sendKeys("4500,450001,450002,450003,450004,4501,4502");
      browser.findElement(By.id("ws_button")).click();
      await().atMost(Duration.ofSeconds(60)).until(() -> browser.findElements(By.cssSelector("#ws_events li")).size() >= 3);
      HeadlessChromium.screenshot(browser, Path.of("target", "dev-stack-demo.png"));
    } finally {
      browser.quit();
    }
  }

  @Test
  void everyMetricTheDashboardsAndAlertRulesQueryIsExportedByAService() throws Exception {
    Map<String, String> endpoints = metricsEndpoints();
    assertThat(endpoints).containsOnlyKeys("ingest-switch", "ingest-dialer", "streams-app", "web-edge");
    // Bad input exists only once it happens: one bad request makes the edge's counter appear.
    assertThat(get(edge + "/event?extension=%3Cx%3E&eventid=i").statusCode()).isEqualTo(400);
    Set<String> exported = new TreeSet<>();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
      exported.clear();
      for (String url : endpoints.values()) {
        get(url).body().lines().filter(l -> !l.startsWith("#") && !l.isBlank())
            .map(l -> l.split("[{ ]", 2)[0]).forEach(exported::add);
      }
      return exported.containsAll(Set.of("kafka_consumer_fetch_manager_records_lag_max", "kafka_stream_thread_commit_latency_avg"));
    });
    Map<String, Set<String>> unexported = new LinkedHashMap<>();
    List<OpsQueries.Query> queries = OpsQueries.all(Path.of("..", "ops"));
    assertThat(queries).hasSizeGreaterThan(30);
    for (OpsQueries.Query q : queries) {
      Set<String> names = PromQlNames.of(q.expr());
      assertThat(names).as("%s reads a metric: %s", q.where(), q.expr()).isNotEmpty();
      names.stream().filter(n -> !exported.contains(n) && !MADE_BY_PROMETHEUS.contains(n))
          .forEach(n -> unexported.computeIfAbsent(n, k -> new TreeSet<>()).add(q.where()));
    }
    assertThat(unexported).as("metric names queried in ops/ that no service exports (name -> where)").isEmpty();
  }

  @Test
  void prometheusScrapesEveryServiceLoadsTheRulesAndRunsEveryDashboardQuery() throws Exception {
    Assumptions.assumeTrue(LocalPrometheus.installed(), "Debian's prometheus is not installed (bin/test installs it)");
    String prometheus = "http://127.0.0.1:" + prometheusPort;
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() -> {
      HttpResponse<String> r = get(prometheus + "/api/v1/targets");
      if (r.statusCode() != 200) {
        return false;
      }
      JsonArray targets = new JsonObject(r.body()).getJsonObject("data").getJsonArray("activeTargets");
      return targets.size() == 4 && targets.stream().allMatch(t -> "up".equals(((JsonObject) t).getString("health")));
    });
    JsonArray groups = new JsonObject(get(prometheus + "/api/v1/rules").body()).getJsonObject("data").getJsonArray("groups");
    assertThat(groups.getJsonObject(0).getJsonArray("rules").stream().map(r -> ((JsonObject) r).getString("health")))
        .hasSize(6).containsOnly("ok");
    for (OpsQueries.Query q : OpsQueries.all(Path.of("..", "ops"))) {
      HttpResponse<String> r = get(prometheus + "/api/v1/query?query=" + URLEncoder.encode(q.expr(), StandardCharsets.UTF_8));
      assertThat(r.statusCode()).as("%s: %s -> %s", q.where(), q.expr(), r.body()).isEqualTo(200);
    }
  }

  /** The "Metrics (Prometheus text)" addresses the launcher printed, by service. */
  private Map<String, String> metricsEndpoints() {
    Map<String, String> endpoints = new LinkedHashMap<>();
    for (String line : output) {
      Matcher m = METRICS_LINE.matcher(line);
      if (m.matches()) {
        endpoints.put(m.group(1), m.group(2));
      }
    }
    return endpoints;
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonArray extensions() {
    try {
      HttpResponse<String> r = get(edge + "/api/extensions");
      return r.statusCode() == 200 ? new JsonObject(r.body()).getJsonArray("extensions") : new JsonArray();
    } catch (Exception notYet) {
      return new JsonArray();
    }
  }
}
