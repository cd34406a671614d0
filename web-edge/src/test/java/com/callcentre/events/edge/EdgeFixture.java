package com.callcentre.events.edge;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.EventSource;
import com.callcentre.events.avro.ExtensionState;
import com.callcentre.events.edge.state.ExtensionStateReplica;
import com.callcentre.events.runtime.kafka.KafkaSettings;
import com.callcentre.events.streams.sequencing.ExtensionWindow;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** An edge on a free port over a replica the test feeds directly, and a client for it. */
final class EdgeFixture implements AutoCloseable {
  final ExtensionStateReplica replica = new ExtensionStateReplica();
  final EdgeService edge;
  final HttpClient http;
  final Vertx vertx;

  EdgeFixture(Vertx vertx, EdgeConfig config) {
    this.vertx = vertx;
    this.edge = EdgeService.start(config, vertx, false, replica, null);
    this.http = vertx.createHttpClient();
  }

  static EdgeConfig config(Duration longPoll, int maxConnections, String tokenSecret) {
    return new EdgeConfig(new KafkaSettings("unused:9092", "mock://edge"), "127.0.0.1", 0, longPoll, "*",
        maxConnections, 3, 2048, 4096, 64 * 1024, Duration.ofSeconds(20), tokenSecret, 1);
  }

  /** Appends one event to an extension, as the streams-app would. */
  ExtensionState append(String ext, String name) {
    ExtensionState previous = replica.get(ext).orElse(null);
    Instant now = Instant.now();
    CallEvent event = CallEvent.newBuilder()
        .setEventUuid(UUID.randomUUID().toString()).setSource(EventSource.SWITCH).setEventNameS(name)
        .setConnectNum(ext).setCallingNum("3035551212").setVdn("4500").setUcid("u-" + ext)
        .setEventTime(now).setIngestTime(now).setAttributes(Map.of("campaign", "renewals")).build();
    ExtensionState next = ExtensionWindow.append(previous, ext, event, 32, now);
    replica.apply(next);
    return next;
  }

  record Reply(int status, Map<String, String> headers, String body) {}

  Future<Reply> send(HttpMethod method, String uri, Map<String, String> headers) {
    RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(edge.port()).setURI(uri);
    headers.forEach(options::addHeader);
    return http.request(options).compose(req -> req.send()).compose(resp -> resp.body().map(body -> reply(resp, body)));
  }

  Reply get(String uri) throws Exception {
    return send(HttpMethod.GET, uri, Map.of()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static Reply reply(HttpClientResponse resp, Buffer body) {
    Map<String, String> headers = new java.util.HashMap<>();
    resp.headers().forEach(h -> headers.put(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue()));
    return new Reply(resp.statusCode(), headers, body.toString());
  }

  @Override
  public void close() {
    http.close();
    edge.close();
  }
}
