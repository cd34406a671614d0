package com.callcentre.events.streams;

import com.callcentre.events.runtime.ops.DeadLetterMeter;
import com.callcentre.events.runtime.ops.Health;
import com.callcentre.events.runtime.ops.HealthCheck;
import com.callcentre.events.runtime.ops.OpsServer;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.streams.errors.DeadLetterDeserializationHandler;
import com.callcentre.events.streams.topology.CallEventTopology;
import com.callcentre.events.streams.topology.DerivedOutputsTopology;
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

/**
 * The running streams-app: two Kafka Streams applications, the sequencing
 * ({@link CallEventTopology}) and the outputs derived from its events
 * ({@link DerivedOutputsTopology}), plus their /health, /ready and /metrics.
 */
public final class StreamsService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StreamsService.class);

  /** One Kafka Streams application of the service, with its metrics bound. */
  private record App(String name, KafkaStreams streams, KafkaStreamsMetrics metrics) {
    static App create(String name, Topology topology, Properties properties, StreamsAppConfig config,
        PrometheusMeterRegistry registry) {
      KafkaStreams streams = new KafkaStreams(topology, properties);
      streams.setUncaughtExceptionHandler(error -> {
        log.error("{}: stream thread failed; policy {}", name, config.onUncaught(), error);
        return config.onUncaught();
      });
      KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams);
      metrics.bindTo(registry);
      return new App(name, streams, metrics);
    }

    HealthCheck.Status health() {
      KafkaStreams.State state = streams.state();
      boolean ok = state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED;
      return new HealthCheck.Status(ok, Map.of("state", state.name()));
    }

    boolean running() {
      return streams.state() == KafkaStreams.State.RUNNING;
    }

    void close() {
      streams.close(Duration.ofSeconds(30));
      metrics.close();
    }
  }

  private final App sequencing;
  private final App derived;
  private final Vertx vertx;
  private final boolean ownsVertx;
  private final HttpServer ops;

  private StreamsService(App sequencing, App derived, Vertx vertx, boolean ownsVertx, HttpServer ops) {
    this.sequencing = sequencing;
    this.derived = derived;
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
    CallEventTopology.writtenSubjects(config.derivedApplicationId()).forEach(registry::register);
    Counter deadLettered = DeadLetterMeter.counter(metrics, DeadLetterDeserializationHandler.REASON);
    App sequencing = App.create("sequencing", CallEventTopology.build(config.topology(), registry, metrics),
        withDeadLetterCounter(config.streamsProperties(), deadLettered), config, metrics);
    App derived = App.create("derived outputs", DerivedOutputsTopology.build(config.topology(), registry),
        withDeadLetterCounter(config.derivedStreamsProperties(), deadLettered), config, metrics);

    Health health = new Health()
        .register("kafka-streams", sequencing::health)
        .register("kafka-streams-derived", derived::health)
        .readyWhen(() -> sequencing.running() && derived.running());
    sequencing.streams().start();
    derived.streams().start();
    HttpServer ops;
    try {
      ops = VertxFutures.await(OpsServer.start(vertx, config.opsHost(), config.opsPort(), health, metrics),
          Duration.ofSeconds(30), "cannot listen on " + config.opsHost() + ":" + config.opsPort());
    } catch (IllegalStateException e) {
      derived.close();
      sequencing.close();
      throw e;
    }
    return new StreamsService(sequencing, derived, vertx, ownsVertx, ops);
  }

  private static Properties withDeadLetterCounter(Properties properties, Counter deadLettered) {
    properties.put(DeadLetterDeserializationHandler.COUNTER_CONFIG, deadLettered);
    return properties;
  }

  /** The sequencing's state: what every screen waits on. */
  public KafkaStreams.State state() {
    return sequencing.streams().state();
  }

  public int opsPort() {
    return ops.actualPort();
  }

  @Override
  public void close() {
    derived.close();
    sequencing.close();
    VertxFutures.awaitQuietly(ops.close(), Duration.ofSeconds(10));
    if (ownsVertx) {
      VertxFutures.awaitQuietly(vertx.close(), Duration.ofSeconds(10));
    }
  }
}
