package com.callcentre.events.streams;

import com.callcentre.events.runtime.ops.DeadLetterMeter;
import com.callcentre.events.runtime.ops.Health;
import com.callcentre.events.runtime.ops.HealthCheck;
import com.callcentre.events.runtime.ops.OpsServer;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.streams.errors.DeadLetterDeserializationHandler;
import com.callcentre.events.streams.topology.CallEventTopology;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import com.callcentre.events.runtime.lifecycle.VertxFutures;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running streams-app: Kafka Streams plus its /health, /ready and /metrics. */
public final class StreamsService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StreamsService.class);

  private final KafkaStreams streams;
  private final KafkaStreamsMetrics streamsMetrics;
  private final Vertx vertx;
  private final boolean ownsVertx;
  private final HttpServer ops;

  private StreamsService(KafkaStreams streams, KafkaStreamsMetrics streamsMetrics, Vertx vertx, boolean ownsVertx, HttpServer ops) {
    this.streams = streams;
    this.streamsMetrics = streamsMetrics;
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.ops = ops;
  }

  public static StreamsService start(StreamsAppConfig config) {
    return start(config, Vertx.vertx(), true);
  }

  public static StreamsService start(StreamsAppConfig config, Vertx vertx, boolean ownsVertx) {
    PrometheusMeterRegistry metrics = OpsServer.newMeterRegistry("streams-app", config.kafkaMetrics().filter());
    SchemaRegistryClient registry = config.kafka().registryClient();
    // Before the first record: processing then finds every schema id in the client's cache.
    CallEventTopology.writtenSubjects(config.applicationId()).forEach(registry::register);
    Topology topology = CallEventTopology.build(config.topology(), registry, metrics);
    Counter deadLettered = DeadLetterMeter.counter(metrics, DeadLetterDeserializationHandler.REASON);
    Properties properties = config.streamsProperties();
    properties.put(DeadLetterDeserializationHandler.COUNTER_CONFIG, deadLettered);
    KafkaStreams streams = new KafkaStreams(topology, properties);
    streams.setUncaughtExceptionHandler(error -> {
      log.error("stream thread failed; policy {}", config.onUncaught(), error);
      return config.onUncaught();
    });
    KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(metrics);

    Health health = new Health()
        .register("kafka-streams", () -> {
          KafkaStreams.State state = streams.state();
          boolean ok = state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED;
          return new HealthCheck.Status(ok, Map.of("state", state.name()));
        })
        .readyWhen(() -> streams.state() == KafkaStreams.State.RUNNING);
    streams.start();
    HttpServer ops;
    try {
      ops = VertxFutures.await(OpsServer.start(vertx, config.opsHost(), config.opsPort(), health, metrics),
          Duration.ofSeconds(30), "cannot listen on " + config.opsHost() + ":" + config.opsPort());
    } catch (IllegalStateException e) {
      streams.close(Duration.ofSeconds(30));
      throw e;
    }
    return new StreamsService(streams, streamsMetrics, vertx, ownsVertx, ops);
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  public int opsPort() {
    return ops.actualPort();
  }

  @Override
  public void close() {
    streams.close(Duration.ofSeconds(30));
    streamsMetrics.close();
    VertxFutures.awaitQuietly(ops.close(), Duration.ofSeconds(10));
    if (ownsVertx) {
      VertxFutures.awaitQuietly(vertx.close(), Duration.ofSeconds(10));
    }
  }
}
