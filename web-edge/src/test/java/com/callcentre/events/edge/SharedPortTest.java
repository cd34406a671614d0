package com.callcentre.events.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.callcentre.events.edge.events.EventJson;
import com.callcentre.events.infra.process.FreePorts;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several edges on one port (SO_REUSEPORT on the epoll transport), each still reachable on an ops
 * port of its own; and the diagnostic timing fields, off by default.
 */
class SharedPortTest {
  private final List<Vertx> vertxes = new java.util.ArrayList<>();
  private final List<EdgeFixture> edges = new java.util.ArrayList<>();

  @AfterEach
  void stop() {
    edges.forEach(EdgeFixture::close);
    EventJson.includeTimingFields(false);
    vertxes.forEach(v -> v.close().toCompletionStage().toCompletableFuture().join());
  }

  @Test
  void edgesSharingAPortEachServeItAndAnswerOnTheirOwnOpsPort() throws Exception {
    int port = FreePorts.pick();
    EdgeFixture first = edge(Map.of("EDGE_HTTP_PORT", Integer.toString(port), "EDGE_REUSE_PORT", "true",
        "EDGE_OPS_PORT", "0"));
    EdgeFixture second = edge(Map.of("EDGE_HTTP_PORT", Integer.toString(port), "EDGE_REUSE_PORT", "true",
        "EDGE_OPS_PORT", "0"));
    assertThat(first.vertx.isNativeTransportEnabled()).as("epoll on Linux").isTrue();
    assertThat(second.edge.port()).isEqualTo(first.edge.port()).isEqualTo(port);
    assertThat(first.edge.opsPort()).isPositive().isNotEqualTo(second.edge.opsPort());
    first.append("4567", "C_CONNECTED");
    // Which edge the kernel hands a connection to is its choice; both answer the shared port.
    assertThat(first.get("/ready").status()).isEqualTo(200);
    assertThat(opsGet(second, "/ready")).contains("\"ready\":true");
    assertThat(opsGet(first, "/metrics")).contains("edge_connections");
  }

  @Test
  void withoutReusePortASecondEdgeCannotTakeTheSamePort() {
    int port = FreePorts.pick();
    edge(Map.of("EDGE_HTTP_PORT", Integer.toString(port)));
    assertThatThrownBy(() -> edge(Map.of("EDGE_HTTP_PORT", Integer.toString(port))))
        .hasMessageContaining("could not listen on 127.0.0.1:" + port);
  }

  @Test
  void reusePortWithoutTheNativeTransportIsRefusedAtStartUp() {
    assertThatThrownBy(() -> edge(Map.of("EDGE_REUSE_PORT", "true", "EDGE_NATIVE_TRANSPORT", "false")))
        .hasMessageContaining("EDGE_REUSE_PORT needs the native transport");
  }

  @Test
  void timingFieldsAreAddedOnlyWhenAsked() throws Exception {
    EdgeFixture plain = edge(Map.of());
    plain.append("4567", "C_CONNECTED");
    JsonObject legacy = new JsonObject(plain.get("/event?extension=4567&eventid=0").body());
    assertThat(legacy.fieldNames()).doesNotContain("sequenced_time", "edge_time");

    EdgeFixture timed = edge(Map.of("EDGE_TIMING_FIELDS", "true"));
    Instant before = Instant.now();
    timed.append("4567", "C_CONNECTED");
    JsonObject event = new JsonObject(timed.get("/event?extension=4567&eventid=0").body());
    Instant sequenced = Instant.parse(event.getString("sequenced_time"));
    Instant written = Instant.parse(event.getString("edge_time"));
    assertThat(sequenced).isAfterOrEqualTo(before.minusMillis(1));
    assertThat(written).isAfterOrEqualTo(sequenced).isBeforeOrEqualTo(Instant.now());
  }

  private EdgeFixture edge(Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(settings);
    EdgeConfig config = EdgeFixture.config(all);
    Vertx vertx = Vertx.vertx(config.vertxOptions());
    vertxes.add(vertx);
    EdgeFixture edge = new EdgeFixture(vertx, config);
    edges.add(edge);
    return edge;
  }

  private static String opsGet(EdgeFixture edge, String path) throws Exception {
    return java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + edge.edge.opsPort() + path)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
  }
}
