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
}
