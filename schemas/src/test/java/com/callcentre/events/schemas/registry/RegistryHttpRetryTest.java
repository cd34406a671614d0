package com.callcentre.events.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retry and error handling of the registry client against a scripted HTTP server on loopback. */
class RegistryHttpRetryTest {
  private static final Schema SCHEMA = new Schema.Parser().parse(
      "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");

  private HttpServer server;
  private final Deque<int[]> statuses = new ArrayDeque<>();
  private final Deque<String> bodies = new ArrayDeque<>();
  private final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      exchange.getRequestBody().readAllBytes();
      int status = statuses.isEmpty() ? 500 : statuses.poll()[0];
      byte[] body = (bodies.isEmpty() ? "" : bodies.poll()).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private void answer(int status, String body) {
    statuses.add(new int[] {status});
    bodies.add(body);
  }

  private SchemaRegistryClient client(int attempts) {
    return new HttpSchemaRegistryClient(new RegistryClientConfig(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"),
        Duration.ofSeconds(2), attempts, Duration.ofMillis(5), Duration.ofMillis(20)));
  }

  @Test
  void transientServerErrorsAreRetriedUntilTheRegistryAnswers() {
    answer(503, "{\"error_code\":50301,\"message\":\"warming up\"}");
    answer(429, "");
    answer(200, "{\"id\":42}");

    assertThat(client(5).register("calls-value", SCHEMA)).isEqualTo(42);
    assertThat(requests).hasValue(3);
  }

  @Test
  void aRegisteredSchemaIsCachedSoTheRegistryIsAskedOnce() {
    answer(200, "{\"id\":7}");
    SchemaRegistryClient client = client(1);

    client.register("calls-value", SCHEMA);
    client.register("calls-value", SCHEMA);

    assertThat(requests).hasValue(1);
  }

  @Test
  void aClientErrorIsNotRetriedAndCarriesTheRegistrysMessage() {
    answer(422, "{\"error_code\":42201,\"message\":\"Invalid schema\"}");

    assertThatThrownBy(() -> client(5).register("calls-value", SCHEMA))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("HTTP 422 (error 42201): Invalid schema")
        .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(42201));
    assertThat(requests).hasValue(1);
  }

  @Test
  void aConflictBecomesAnIncompatibleSchemaException() {
    answer(409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible with an earlier schema\"}");

    assertThatThrownBy(() -> client(5).register("calls-value", SCHEMA))
        .isInstanceOf(IncompatibleSchemaException.class)
        .hasMessageContaining("incompatible with an earlier schema");
  }

  @Test
  void persistentFailureGivesUpAfterTheConfiguredAttempts() {
    answer(500, "boom");
    answer(502, "<html>bad gateway</html>");
    answer(503, "");

    assertThatThrownBy(() -> client(3).schemaById(1))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("HTTP 503");
    assertThat(requests).hasValue(3);
  }

  @Test
  void anUnreachableRegistryIsReportedWithoutAnHttpStatus() {
    server.stop(0);

    assertThatThrownBy(() -> client(2).schemaById(1))
        .isInstanceOf(SchemaRegistryException.class)
        .satisfies(e -> assertThat(((SchemaRegistryException) e).httpStatus()).isZero());
  }

  @Test
  void aSchemaThatIsNotAvroIsRefused() {
    answer(200, "{\"schema\":\"syntax = \\\"proto3\\\";\",\"schemaType\":\"PROTOBUF\"}");

    assertThatThrownBy(() -> client(1).schemaById(3))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("schema id 3 is PROTOBUF, not AVRO");
  }

  @Test
  void configRejectsANonHttpUrlAndAMissingUrl() {
    assertThatThrownBy(() -> RegistryClientConfig.of("ftp://registry"))
        .hasMessageContaining("must be http(s)");
    assertThatThrownBy(() -> RegistryClientConfig.fromProperties(java.util.Map.of()))
        .hasMessageContaining("missing serde property schema.registry.url");
  }
}
