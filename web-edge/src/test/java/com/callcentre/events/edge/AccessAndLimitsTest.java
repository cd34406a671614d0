package com.callcentre.events.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.callcentre.events.edge.access.SubscriptionTokens;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class AccessAndLimitsTest {
  private static final String SECRET = "s3cret-for-tests";

  @Test
  void withTokensOnASubscriptionNeedsATokenNamingTheExtension(Vertx vertx) throws Exception {
    try (EdgeFixture edge = new EdgeFixture(vertx, EdgeFixture.config(Duration.ofSeconds(1), 100, SECRET))) {
      edge.append("4567", "C_CONNECTED");
      SubscriptionTokens tokens = new SubscriptionTokens(SECRET);
      String for4567 = tokens.issue(Set.of("4567"), Instant.now().plusSeconds(600));
      String expired = tokens.issue(Set.of("4567"), Instant.now().minusSeconds(1));
      String forged = new SubscriptionTokens("other").issue(Set.of("4567"), Instant.now().plusSeconds(600));

      assertThat(edge.get("/event?extension=4567&eventid=i").status()).isEqualTo(403);
      assertThat(edge.get("/event?extension=4567&eventid=i&token=" + expired).status()).isEqualTo(403);
      assertThat(edge.get("/event?extension=4567&eventid=i&token=" + forged).status()).isEqualTo(403);
      assertThat(edge.get("/event?extension=4568&eventid=i&token=" + for4567).status()).isEqualTo(403);
      assertThat(edge.get("/event?extension=4567&eventid=i&token=" + for4567).body()).contains("C_CONNECTED");
      EdgeFixture.Reply bearer = edge.send(HttpMethod.GET, "/api/extensions/4567", Map.of("Authorization", "Bearer " + for4567))
          .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertThat(bearer.status()).isEqualTo(200);
      assertThat(edge.get("/ws").status()).isEqualTo(401);
    }
  }

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
