package com.callcentre.events.edge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.callcentre.events.edge.EdgeConfig;
import com.callcentre.events.edge.EdgeVerticle;
import com.callcentre.events.runtime.config.Env;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client pipelines requests that are answered at once and does not read the answers: the edge's
 * server stops answering once the connection's write queue is full, and answers the rest once the
 * client reads. The server runs with the edge's own options: in strict thread mode Vert.x writes
 * an answer to the channel at once, writable or not, and goes on to the next request, so without
 * the guard every answer would be queued in memory (this test then fails with all answered).
 */
@ExtendWith(VertxExtension.class)
class UnreadAnswersTest {
  private static final int REQUESTS = 2_000;
  /** 64 KiB answers: 2,000 of them would be 128 MiB queued in the server without the guard. */
  private static final Buffer ANSWER = Buffer.buffer("x".repeat(64 * 1024));

  private HttpServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void answersWaitForTheClientToReadAndNoneIsLost(Vertx vertx) throws Exception {
    AtomicInteger answered = new AtomicInteger();
    Router router = Router.router(vertx);
    router.route().handler(UnreadAnswers::waitForDrain);
    router.get("/answer").handler(ctx -> {
      answered.incrementAndGet();
      ctx.response().end(ANSWER);
    });
    EdgeConfig config = EdgeConfig.from(Env.of(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1",
        "SCHEMA_REGISTRY_URL", "http://127.0.0.1:1", "EDGE_HTTP_PORT", "0", "EDGE_ACCESS", "open")));
    server = vertx.createHttpServer(EdgeVerticle.serverOptions(config)).requestHandler(router)
        .listen().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

    try (Socket socket = new Socket("127.0.0.1", server.actualPort())) {
      byte[] request = "GET /answer HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(repeated(request, REQUESTS)); // ~70 KB, taken in by the socket buffers
      await().atMost(Duration.ofSeconds(10)).until(() -> answered.get() > 0);
      // What the socket buffers hold on loopback (a few MiB) is all that gets answered; give the
      // server a moment to show that it stops there rather than queue the rest in its heap.
      Thread.sleep(1_000);
      int answeredUnread = answered.get();
      assertThat(answeredUnread).as("answers written while none was read").isLessThan(REQUESTS / 4);

      long bytes = readAnswers(socket.getInputStream(), REQUESTS);
      assertThat(answered.get()).as("requests answered once the client read").isEqualTo(REQUESTS);
      System.out.printf("[unread-answers] %d answered before the client read, all %d after (%d bytes read)%n",
          answeredUnread, REQUESTS, bytes);
    }
  }

  private static byte[] repeated(byte[] request, int times) {
    byte[] all = new byte[request.length * times];
    for (int i = 0; i < times; i++) {
      System.arraycopy(request, 0, all, i * request.length, request.length);
    }
    return all;
  }

  /**
   * Reads until {@code count} status lines have come (the bodies are all 'x', so nothing in them
   * can pass for one); returns the bytes read.
   */
  private static long readAnswers(InputStream in, int count) throws Exception {
    byte[] status = "HTTP/1.1 200 OK".getBytes(StandardCharsets.US_ASCII);
    byte[] chunk = new byte[256 * 1024];
    long read = 0;
    int seen = 0;
    int matched = 0; // how much of a status line the previous bytes ended with
    while (seen < count) {
      int n = in.read(chunk);
      assertThat(n).as("the stream ended after %d of %d answers", seen, count).isPositive();
      read += n;
      for (int i = 0; i < n; i++) {
        matched = chunk[i] == status[matched] ? matched + 1 : (chunk[i] == status[0] ? 1 : 0);
        if (matched == status.length) {
          seen++;
          matched = 0;
        }
      }
    }
    return read;
  }
}
