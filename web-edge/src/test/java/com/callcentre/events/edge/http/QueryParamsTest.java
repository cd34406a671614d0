package com.callcentre.events.edge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.impl.HttpUtils;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The edge's own query decoding gives what Vert.x's request.getParam gave, without keeping it. */
class QueryParamsTest {
  @Test
  void decodesAsTheLegacyPageSendsIt() {
    QueryParams p = QueryParams.of("/event?extension=4567&eventid=12&callback=jQuery123_456&name=agent+17%2Fdesk");

    assertThat(p.get("extension")).isEqualTo("4567");
    assertThat(p.get("eventid")).isEqualTo("12");
    assertThat(p.get("callback")).isEqualTo("jQuery123_456");
    assertThat(p.get("name")).isEqualTo("agent 17/desk");
    assertThat(p.get("token")).isNull();
  }

  @Test
  void namesMatchWithoutCaseAndTheFirstOfARepeatedNameWins() {
    QueryParams p = QueryParams.of("/event?Extension=4567&eventid=1&eventid=2");

    assertThat(p.get("extension")).isEqualTo("4567");
    assertThat(p.get("eventid")).isEqualTo("1");
  }

  @Test
  void noQueryAnEmptyValueAndANameWithoutValue() {
    assertThat(QueryParams.of("/event").get("extension")).isNull();
    assertThat(QueryParams.of("/event?extension=").get("extension")).isEmpty();
    assertThat(QueryParams.of("/event?all").get("all")).isEmpty();
  }

  @Test
  void aMalformedEscapeIsRefusedWhereVertxRefusesIt() {
    assertThatThrownBy(() -> QueryParams.of("/event?extension=%zz"))
        .isInstanceOf(QueryParams.Malformed.class).hasMessageStartingWith("malformed query string: ");
    assertThatThrownBy(() -> HttpUtils.params("/event?extension=%zz", StandardCharsets.UTF_8, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void agreesWithVertxOnEveryCase() {
    for (String uri : List.of("/event?extension=4567&eventid=12", "/e?a=1;b=2", "/e?x=%E2%82%AC+%20", "/e?Name=A&name=b",
        "/e?=v&k", "/events?vdn=700&lastEventId=%2042")) {
      MultiMap vertx = HttpUtils.params(uri, StandardCharsets.UTF_8, false);
      QueryParams ours = QueryParams.of(uri);
      for (String name : vertx.names()) {
        assertThat(ours.get(name)).as("%s in %s", name, uri).isEqualTo(vertx.get(name));
        assertThat(ours.get(name.toUpperCase())).as("%s upper-cased in %s", name, uri).isEqualTo(vertx.get(name.toUpperCase()));
      }
    }
  }
}
