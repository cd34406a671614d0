package com.callcentre.events.loadharness.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dialer feed's HTTP half against a small intake: answers, refusals, and the one connection it keeps. */
class BatchPosterTest {
  private final Vertx vertx = Vertx.vertx();
  private final AtomicInteger connections = new AtomicInteger();
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private HttpServer intake;

  @BeforeEach
  void startIntake() throws Exception {
    intake = vertx.createHttpServer().connectionHandler(c -> connections.incrementAndGet())
        .requestHandler(req -> req.body().onSuccess(body -> {
          bodies.add(req.method() + " " + req.getHeader("Content-Type") + " " + body);
          int status = switch (req.path()) {
            case "/partly" -> 207;
            case "/broken" -> 500;
            default -> 200;
          };
          req.response().setStatusCode(status).end("{\"answer\":" + bodies.size() + "}");
        }))
        .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + intake.actualPort() + path;
  }

  @Test
  void postsEachBatchAsJsonAndReturnsTheAnswerOverOneKeptAliveConnection() {
    try (BatchPoster poster = new BatchPoster(url("/calls"))) {
      for (int i = 1; i <= 20; i++) {
        assertThat(poster.post("[{\"n\":" + i + "}]")).isEqualTo("{\"answer\":" + i + "}");
      }
    }
    assertThat(bodies).hasSize(20).first().isEqualTo("POST application/json [{\"n\":1}]");
    assertThat(connections).as("posts one at a time reuse one connection").hasValue(1);
  }

  @Test
  void aBatchPartlyRefusedIsStillAnAnswer() {
    try (BatchPoster poster = new BatchPoster(url("/partly"))) {
      assertThat(poster.post("[]")).isEqualTo("{\"answer\":1}");
    }
  }

  @Test
  void anErrorStatusFailsThePostWithTheStatusAndTheBody() {
    try (BatchPoster poster = new BatchPoster(url("/broken"))) {
      assertThatThrownBy(() -> poster.post("[]")).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("answered 500").hasMessageContaining("{\"answer\":1}");
    }
  }

  @Test
  void anIntakeThatIsNotThereFailsThePost() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    try (BatchPoster poster = new BatchPoster("http://127.0.0.1:" + closedPort + "/calls")) {
      assertThatThrownBy(() -> poster.post("[]")).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("POST http://127.0.0.1:" + closedPort + "/calls failed");
    }
  }
}
