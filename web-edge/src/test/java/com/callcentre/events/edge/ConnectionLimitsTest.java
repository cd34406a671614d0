package com.callcentre.events.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Connection limits (subscription tokens are in {@link AccessTokensTest}). */
@ExtendWith(VertxExtension.class)
class ConnectionLimitsTest {
  private static String healthOver(Socket s) throws java.io.IOException {
    s.setSoTimeout(5000);
    s.getOutputStream().write("GET /ready HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
    byte[] status = s.getInputStream().readNBytes(12);
    byte[] rest = new byte[4096];
    int n = s.getInputStream().read(rest); // drain the small response
    assertThat(n).isPositive();
    return new String(status);
  }

  @Test
  void connectionsOverTheLimitAreClosedAtOnce(Vertx vertx) throws Exception {
    try (EdgeFixture edge = new EdgeFixture(vertx, EdgeFixture.config(Duration.ofSeconds(1), 2, ""));
         Socket a = new Socket("127.0.0.1", edge.edge.port());
         Socket b = new Socket("127.0.0.1", edge.edge.port())) {
      // The server counts a connection once it has spoken HTTP on it (it first sniffs for HTTP/2).
      assertThat(healthOver(a)).isEqualTo("HTTP/1.1 200");
      assertThat(healthOver(b)).isEqualTo("HTTP/1.1 200");
      try (Socket c = new Socket("127.0.0.1", edge.edge.port())) {
        c.setSoTimeout(5000);
        c.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
        assertThat(c.getInputStream().read()).as("server closed the third connection").isEqualTo(-1);
      }
      assertThat(healthOver(a)).as("the first two are still served").isEqualTo("HTTP/1.1 200");
    }
  }

  /** Vert.x does not call a connection's close handler after a WebSocket upgrade: the slot must come back anyway. */
  @Test
  void aWebSocketThatEndsGivesItsConnectionSlotBack(Vertx vertx) throws Exception {
    // three slots: the test's kept-alive /metrics connection and two sockets after the WebSockets
    try (EdgeFixture edge = new EdgeFixture(vertx, EdgeFixture.config(Duration.ofSeconds(1), 3, ""))) {
      io.vertx.core.http.WebSocketClient client = vertx.createWebSocketClient();
      for (int i = 0; i < 5; i++) {
        io.vertx.core.http.WebSocket ws = client.connect(new io.vertx.core.http.WebSocketConnectOptions()
                .setHost("127.0.0.1").setPort(edge.edge.port()).setURI("/ws"))
            .toCompletionStage().toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
        ws.close().toCompletionStage().toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
      }
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> edge.get("/metrics").body()
          .contains("edge_open_connections{service=\"web-edge\"} 1.0")); // the /metrics request itself
      try (Socket a = new Socket("127.0.0.1", edge.edge.port()); Socket b = new Socket("127.0.0.1", edge.edge.port())) {
        assertThat(healthOver(a)).as("five WebSockets later, a second slot").isEqualTo("HTTP/1.1 200");
        assertThat(healthOver(b)).as("and the third").isEqualTo("HTTP/1.1 200");
      }
      client.close();
    }
  }
}
