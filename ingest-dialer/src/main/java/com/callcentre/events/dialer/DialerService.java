package com.callcentre.events.dialer;

import com.callcentre.events.dialer.intake.DialerMessageParser;
import com.callcentre.events.dialer.intake.HttpIntake;
import com.callcentre.events.dialer.intake.IntakePipeline;
import com.callcentre.events.dialer.intake.ZmqIntake;
import com.callcentre.events.dialer.publish.EventPublisher;
import com.callcentre.events.runtime.kafka.DeadLetters;
import com.callcentre.events.runtime.ops.Health;
import com.callcentre.events.runtime.ops.HealthCheck;
import com.callcentre.events.runtime.ops.OpsRoutes;
import com.callcentre.events.runtime.ops.OpsServer;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.topics.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import com.callcentre.events.runtime.lifecycle.VertxFutures;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.Map;

/** The running dialer intake: 0MQ endpoint, HTTP endpoint, publisher. Close to stop it cleanly. */
public final class DialerService implements AutoCloseable {
  private final Vertx vertx;
  private final boolean ownsVertx;
  private final DeadLetters deadLetters;
  private final EventPublisher publisher;
  private final ZmqIntake zmq;
  private final HttpServer http;
  private final String zmqEndpoint;
  private final PrometheusMeterRegistry metrics;

  private DialerService(Vertx vertx, boolean ownsVertx, DeadLetters deadLetters, EventPublisher publisher,
      ZmqIntake zmq, String zmqEndpoint, HttpServer http, PrometheusMeterRegistry metrics) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.deadLetters = deadLetters;
    this.publisher = publisher;
    this.zmq = zmq;
    this.zmqEndpoint = zmqEndpoint;
    this.http = http;
    this.metrics = metrics;
  }

  public static DialerService start(DialerConfig config) {
    return start(config, Vertx.vertx(), true);
  }

  public static DialerService start(DialerConfig config, Vertx vertx, boolean ownsVertx) {
    PrometheusMeterRegistry metrics = OpsServer.newMeterRegistry("ingest-dialer");
    SchemaRegistryClient registry = config.kafka().registryClient();
    DeadLetters deadLetters = new DeadLetters(config.kafka(), registry, "ingest-dialer", metrics);
    EventPublisher publisher = new EventPublisher(Topics.DIALER_EVENTS, config.kafka(), registry, deadLetters,
        config.queueCapacity(), "ingest-dialer", metrics);
    Gauge.builder("dialer_queue_depth", publisher::queued).description("Events waiting for Kafka").register(metrics);
    IntakePipeline pipeline = new IntakePipeline(new DialerMessageParser(config.limits()), publisher, deadLetters,
        config.replyTimeout(), metrics);

    ZmqIntake zmq = new ZmqIntake(config.zmqEndpoint(), pipeline);
    String endpoint = zmq.start();

    Health health = new Health()
        .register("kafka-publisher", () -> HealthCheck.Status.up(Map.of("queued", publisher.queued())))
        .register("zmq", () -> HealthCheck.Status.up(Map.of("endpoint", endpoint)));
    Router router = Router.router(vertx);
    new HttpIntake(pipeline, config.limits()).mount(router);
    OpsRoutes.mount(router, health, metrics);
    HttpServer server;
    try {
      server = VertxFutures.await(vertx.createHttpServer().requestHandler(router).listen(config.httpPort(), config.httpHost()),
          Duration.ofSeconds(30), "cannot listen on " + config.httpHost() + ":" + config.httpPort());
    } catch (IllegalStateException e) {
      zmq.close();
      publisher.close();
      deadLetters.close();
      throw e;
    }
    return new DialerService(vertx, ownsVertx, deadLetters, publisher, zmq, endpoint, server, metrics);
  }

  public String zmqEndpoint() {
    return zmqEndpoint;
  }

  public int httpPort() {
    return http.actualPort();
  }

  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  @Override
  public void close() {
    VertxFutures.awaitQuietly(http.close(), Duration.ofSeconds(10));
    zmq.close();
    publisher.close();
    deadLetters.close();
    if (ownsVertx) {
      VertxFutures.awaitQuietly(vertx.close(), Duration.ofSeconds(10));
    }
  }
}
