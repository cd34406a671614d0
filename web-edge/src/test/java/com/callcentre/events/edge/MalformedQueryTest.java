package com.callcentre.events.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A query no one can decode is the client's mistake on every route that reads one: 400, never 500. */
@ExtendWith(VertxExtension.class)
class MalformedQueryTest {
  private EdgeFixture edge;

  @BeforeEach
  void start(Vertx vertx) {
    edge = new EdgeFixture(vertx, EdgeFixture.config(Duration.ofMillis(700), 1000, ""));
  }

  @AfterEach
  void stop() {
    edge.close();
  }

  @Test
  void aBadEscapeIs400WithTheReasonOnEveryRouteThatReadsTheQuery() throws Exception {
    edge.append("4567", "C_OFFERED");
    for (String uri : List.of("/event?extension=4567&eventid=%zz", "/event?callback=%e", "/events?extension=%4",
        "/ws?token=%zz")) {
      EdgeFixture.Reply r = edge.get(uri);

      assertThat(r.status()).as(uri).isEqualTo(400);
      assertThat(new JsonObject(r.body()).getString("error")).as(uri).startsWith("malformed query string: ");
    }
    // A route with a path parameter: Vert.x Web decodes the query itself, before the handler, and
    // refuses it with its own 400.
    EdgeFixture.Reply rest = edge.get("/api/extensions/4567/events?after=%zz");
    assertThat(rest.status()).isEqualTo(400);
    assertThat(new JsonObject(rest.body()).getString("error")).isEqualTo("bad request");
  }

  @Test
  void theEdgeServesOnAfterwards() throws Exception {
    edge.append("4567", "C_OFFERED");
    assertThat(edge.get("/event?extension=4567&eventid=%zz").status()).isEqualTo(400);

    EdgeFixture.Reply r = edge.get("/event?extension=4567&eventid=i");
    assertThat(r.status()).isEqualTo(200);
    assertThat(new JsonObject(r.body()).getString("event_name_s")).isEqualTo("C_OFFERED");
  }
}
