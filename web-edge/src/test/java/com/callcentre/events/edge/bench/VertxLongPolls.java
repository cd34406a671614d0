package com.callcentre.events.edge.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The benchmark's first client ({@code client=vertx}): Vert.x's HTTP client, each answer's body
 * parsed as JSON when it arrives. Kept to compare with the figures measured with it: it spends as
 * much CPU per answer as the server does, on the same cores.
 */
final class VertxLongPolls implements HoldingClient {
  private final Vertx vertx = Vertx.vertx();
  private final HttpClient client;
  private final int port;
  private final int count;
  private ConcurrentLinkedQueue<long[]> timings;
  private List<Future<?>> answers;

  VertxLongPolls(int port, int count) {
    this.port = port;
    this.count = count;
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setIdleTimeout(0),
        new PoolOptions().setHttp1MaxSize(count + 10));
  }

  @Override
  public void hold(int round, IntFunction<String> pathOf) {
    ConcurrentLinkedQueue<long[]> ingestAndArrival = new ConcurrentLinkedQueue<>();
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      futures.add(client.request(HttpMethod.GET, port, "127.0.0.1", pathOf.apply(i))
          .compose(req -> req.send()).compose(resp -> resp.body()).map(body -> {
            Instant ingest = Instant.parse(new JsonObject(body.toString()).getString("ingest_time"));
            ingestAndArrival.add(new long[] {Answers.epochNanos(ingest), Answers.epochNanos(Instant.now())});
            return null;
          }));
    }
    this.timings = ingestAndArrival;
    this.answers = futures;
  }

  @Override
  public Answers answers(Duration timeout) throws Exception {
    Future.all(answers).toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return Answers.of(timings.stream().mapToLong(t -> t[0]).toArray(), timings.stream().mapToLong(t -> t[1]).toArray());
  }

  @Override
  public void close() {
    client.close();
    vertx.close();
  }
}
