package com.callcentre.events.edge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The benchmark's lean client against a server that holds each request until told to answer. */
class RawLongPollsTest {
  private final Vertx vertx = Vertx.vertx();
  private final Queue<HttpServerRequest> held = new ConcurrentLinkedQueue<>();
  private HttpServer server;

  @BeforeEach
  void start() {
    server = vertx.createHttpServer().requestHandler(held::add).listen(0, "127.0.0.1").await();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void stampsEachAnswerAgainstItsIngestTimeOverRounds() throws Exception {
    try (RawLongPolls client = new RawLongPolls(server.actualPort(), 20, 2)) {
      for (int round = 1; round <= 2; round++) {
        int r = round;
        client.hold(round, i -> "/event?extension=" + i + "&eventid=" + r);
        awaitHeld(20);
        Instant ingest = Instant.now().minusMillis(300); // every answer arrives at least 300 ms after it
        String padding = "x".repeat(3000); // longer than the connection's first buffer
        answerAll(200, "{\"pad\":\"" + padding + "\",\"ingest_time\":\"" + ingest + "\"}");

        HoldingClient.Answers answers = client.answers(Duration.ofSeconds(10));

        long[] latencies = answers.latenciesNs();
        assertThat(latencies).hasSize(20).isSorted();
        assertThat(latencies[0]).isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
        assertThat(latencies[19]).isLessThan(Duration.ofSeconds(10).toNanos());
        assertThat(answers.spanNs()).isEqualTo(latencies[19]); // one ingest time for all: the span is the slowest
      }
    }
  }

  @Test
  void anAnswerOtherThan200IsAFailureNamingIt() throws Exception {
    try (RawLongPolls client = new RawLongPolls(server.actualPort(), 3, 1)) {
      client.hold(1, i -> "/event?extension=" + i);
      awaitHeld(3);
      answerAll(503, "{\"error\":\"busy\"}");

      assertThatThrownBy(() -> client.answers(Duration.ofSeconds(10)))
          .hasMessageContaining("3 answers failed").hasMessageContaining("status 503").hasMessageContaining("busy");
    }
  }

  @Test
  void answersThatNeverComeAreNamedAfterTheTimeout() throws Exception {
    try (RawLongPolls client = new RawLongPolls(server.actualPort(), 2, 1)) {
      client.hold(1, i -> "/event?extension=" + i);
      awaitHeld(2);

      assertThatThrownBy(() -> client.answers(Duration.ofMillis(200))).hasMessageContaining("2 of 2 not answered");
    }
  }

  private void awaitHeld(int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (held.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(held).hasSize(count);
  }

  private void answerAll(int status, String body) {
    for (HttpServerRequest req; (req = held.poll()) != null; ) {
      HttpServerRequest r = req;
      vertx.runOnContext(v -> r.response().setStatusCode(status).end(body));
    }
  }
}
