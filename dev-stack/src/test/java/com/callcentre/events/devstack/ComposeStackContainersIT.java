package com.callcentre.events.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The admins' docker-compose.yml brought up as it is (images built from this repository's
 * Dockerfile, upstream Kafka, registry and UI images), then one call pushed through it: into the
 * dialer's HTTP intake, out of the edge's legacy /event. Needs a Docker engine; without one JUnit
 * reports it as skipped ("disabledWithoutDocker").
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeStackContainersIT {
  @Container
  static final ComposeContainer STACK = new ComposeContainer(new File("../docker-compose.yml"))
      .withBuild(true)
      .withExposedService("ingest-dialer", 8082, Wait.forHttp("/health").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(10)))
      .withExposedService("web-edge", 8080, Wait.forHttp("/ready").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(10)))
      .withExposedService("prometheus", 9090, Wait.forHttp("/-/ready").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(10)))
      .withExposedService("grafana", 3000, Wait.forHttp("/api/health").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(10)));

  @Test
  void prometheusHasEveryServiceAsAnUpTargetAndGrafanaHasTheDashboards() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String prometheus = "http://" + STACK.getServiceHost("prometheus", 9090) + ":" + STACK.getServicePort("prometheus", 9090);
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).until(() -> {
      JsonArray targets = new JsonObject(http.send(HttpRequest.newBuilder(URI.create(prometheus + "/api/v1/targets")).build(),
          HttpResponse.BodyHandlers.ofString()).body()).getJsonObject("data").getJsonArray("activeTargets");
      Set<String> up = targets.stream().map(JsonObject.class::cast).filter(t -> "up".equals(t.getString("health")))
          .map(t -> t.getJsonObject("labels").getString("service")).collect(Collectors.toSet());
      return up.equals(Set.of("ingest-switch", "ingest-dialer", "streams-app", "web-edge"));
    });
    String grafana = "http://" + STACK.getServiceHost("grafana", 3000) + ":" + STACK.getServicePort("grafana", 3000);
    JsonArray found = new JsonArray(http.send(HttpRequest.newBuilder(URI.create(grafana + "/api/search?tag=call-events")).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    assertThat(found.stream().map(d -> ((JsonObject) d).getString("title"))).contains("Call events: overview",
        "Call events: ingest-switch", "Call events: ingest-dialer", "Call events: streams-app", "Call events: web-edge");
  }

  @Test
  void oneCallGoesFromTheDialerIntakeToTheEdge() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String dialer = "http://" + STACK.getServiceHost("ingest-dialer", 8082) + ":" + STACK.getServicePort("ingest-dialer", 8082);
    String edge = "http://" + STACK.getServiceHost("web-edge", 8080) + ":" + STACK.getServicePort("web-edge", 8080);

    HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(dialer + "/dialer/events"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"connect_num\":\"7777\",\"event_name_s\":\"C_CONNECTED\",\"calling_num\":\"3035550000\"}"))
        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(posted.statusCode()).isEqualTo(200);

    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
      JsonObject event = new JsonObject(http.send(HttpRequest.newBuilder(URI.create(edge + "/event?extension=7777&eventid=i")).build(),
          HttpResponse.BodyHandlers.ofString()).body());
      return "C_CONNECTED".equals(event.getString("event_name_s"));
    });
  }
}
