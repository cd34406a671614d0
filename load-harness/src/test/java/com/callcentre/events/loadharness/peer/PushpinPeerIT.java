package com.callcentre.events.loadharness.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The peer as the harness runs it: Debian's Pushpin holding a legacy long-poll for the GRIP origin. */
class PushpinPeerIT {
  // HTTP/1.1 as browsers poll: the JDK client otherwise offers an h2c upgrade, which Pushpin does not answer.
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void pushpinHoldsTheLegacyPollAndAnswersItWithThePublishedEvent(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Pushpin.installed(), "Debian's pushpin is not installed (bin/test and bin/bench install it)");
    GripOrigin origin = new GripOrigin();
    try (origin; Pushpin pushpin = Pushpin.start(dir, origin.start())) {
      origin.publishTo(pushpin.publishUrl());
      origin.publish(List.of("45000001")).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      String base = "http://127.0.0.1:" + pushpin.httpPort() + "/event?extension=45000001&eventid=";

      JsonObject first = new JsonObject(get(base + "0").get(10, TimeUnit.SECONDS));
      assertThat(first.getString("event_id")).isEqualTo("1");

      CompletableFuture<String> held = get(base + "1");
      Thread.sleep(500); // nothing to send yet: Pushpin holds it
      assertThat(held).isNotDone();
      origin.publish(List.of("45000001")).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      JsonObject second = new JsonObject(held.get(10, TimeUnit.SECONDS));
      assertThat(second.getString("event_id")).isEqualTo("2");
      assertThat(second.getString("connect_num")).isEqualTo("45000001");
      assertThat(origin.lastSequences()).containsEntry("45000001", 2L);
    }
    Thread.sleep(200);
    assertThat(ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
        .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(dir.toString())).orElse(false)))
        .as("neither this Pushpin nor its zurl left running").isEmpty();
  }

  private CompletableFuture<String> get(String url) {
    return http.sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString()).thenApply(HttpResponse::body);
  }
}
