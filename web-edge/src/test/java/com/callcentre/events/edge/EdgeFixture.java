package com.callcentre.events.edge;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.EventSource;
import com.callcentre.events.avro.ExtensionState;
import com.callcentre.events.edge.state.ExtensionStateReplica;
import com.callcentre.events.runtime.config.Env;
import com.callcentre.events.edge.state.Sequenced;
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

  /** A small edge on a free port; {@code tokenSecret} empty: open access, else HS256 tokens with it. */
  static EdgeConfig config(Duration longPoll, int maxConnections, String tokenSecret) {
    return config(Map.of("EDGE_LONG_POLL_TIMEOUT", longPoll.toMillis() + "ms",
        "EDGE_MAX_CONNECTIONS", Integer.toString(maxConnections),
        "EDGE_ACCESS", tokenSecret.isEmpty() ? "open" : "tokens", "EDGE_TOKEN_SECRET", tokenSecret));
  }

  /** The small test edge with these settings changed. */
  static EdgeConfig config(Map<String, String> settings) {
    Map<String, String> all = new java.util.HashMap<>(Map.ofEntries(
        Map.entry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1"),
        Map.entry("SCHEMA_REGISTRY_URL", "http://127.0.0.1:1"),
        Map.entry("EDGE_HTTP_PORT", "0"),
        Map.entry("EDGE_MAX_EXTENSIONS_PER_SOCKET", "3"),
        Map.entry("EDGE_MAX_FRAME_BYTES", "2048"),
        Map.entry("EDGE_MAX_HEADER_BYTES", "4096"),
        Map.entry("EDGE_WRITE_QUEUE_BYTES", Integer.toString(64 * 1024)),
        Map.entry("EDGE_EVENT_LOOPS", "1"),
        Map.entry("EDGE_ACCESS", "open")));
    all.putAll(settings);
    return EdgeConfig.from(Env.of(all));
  }

  /** Appends one event to an extension, as the streams-app would. */
  ExtensionState append(String ext, String name) {
    return append(ext, name, "4500");
  }

  /** Appends one event of a call that came in through {@code vdn}. */
  ExtensionState append(String ext, String name, String vdn) {
    CallEvent event = CallEvent.newBuilder(Sequenced.call(ext, name, vdn))
        .setCallingNum("3035551212").setUcid("u-" + ext).setAttributes(Map.of("campaign", "renewals")).build();
    return Sequenced.append(replica, event);
  }

  record Reply(int status, Map<String, String> headers, String body) {}

  Future<Reply> send(HttpMethod method, String uri, Map<String, String> headers) {
    RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(edge.port()).setURI(uri);
    headers.forEach(options::addHeader);
    return onEventLoop(() -> http.request(options)
        .compose(req -> req.send().compose(resp -> resp.body().map(body -> reply(resp, body)))));
  }

  /**
   * Runs a client exchange on an event loop. Called from the test's own thread, a listener added
   * to a response future may come after the response's body was already delivered and dropped.
   */
  <T> Future<T> onEventLoop(java.util.function.Supplier<Future<T>> exchange) {
    io.vertx.core.Promise<T> result = io.vertx.core.Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> exchange.get().onComplete(result));
    return result.future();
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
