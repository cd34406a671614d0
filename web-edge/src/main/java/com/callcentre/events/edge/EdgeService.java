package com.callcentre.events.edge;

import com.callcentre.events.edge.access.AccessPolicy;
import com.callcentre.events.edge.http.ConnectionLimit;
import com.callcentre.events.edge.state.ExtensionStateReplica;
import com.callcentre.events.edge.state.ReplicaFeeder;
import com.callcentre.events.runtime.ops.Health;
import com.callcentre.events.runtime.ops.HealthCheck;
import com.callcentre.events.runtime.ops.OpsServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import com.callcentre.events.runtime.lifecycle.VertxFutures;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.callcentre.events.edge.events.EventJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running edge: the state replica and its feeder, and the HTTP servers. Close to stop it. */
public final class EdgeService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EdgeService.class);
  private final Vertx vertx;
  private final boolean ownsVertx;
  private final ReplicaFeeder feeder;
  private final ExtensionStateReplica replica;
  private final int port;
  private final int opsPort;

  private EdgeService(Vertx vertx, boolean ownsVertx, ReplicaFeeder feeder, ExtensionStateReplica replica, int port,
      int opsPort) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.feeder = feeder;
    this.replica = replica;
    this.port = port;
    this.opsPort = opsPort;
  }

  /** An edge fed from Kafka. */
  public static EdgeService start(EdgeConfig config, Vertx vertx, boolean ownsVertx) {
    ExtensionStateReplica replica = new ExtensionStateReplica(config.recentWindow());
    ReplicaFeeder feeder = new ReplicaFeeder(config.kafka(), config.kafka().registryClient(), replica,
        config.windowLookback());
    feeder.start();
    return start(config, vertx, ownsVertx, replica, feeder);
  }

  /** An edge over a replica fed by the caller ({@code feeder} may be null: always ready). */
  public static EdgeService start(EdgeConfig config, Vertx vertx, boolean ownsVertx, ExtensionStateReplica replica,
      ReplicaFeeder feeder) {
    try {
      return listen(config, vertx, ownsVertx, replica, feeder);
    } catch (RuntimeException e) {
      if (feeder != null) {
        feeder.close(); // a bad token setting or a taken port: stop reading before giving up
      }
      throw e;
    }
  }

  private static EdgeService listen(EdgeConfig config, Vertx vertx, boolean ownsVertx, ExtensionStateReplica replica,
      ReplicaFeeder feeder) {
    AccessPolicy access = AccessPolicy.from(config.access());
    if (config.reusePort() && !vertx.isNativeTransportEnabled()) {
      throw new IllegalStateException("EDGE_REUSE_PORT needs the native transport (EDGE_NATIVE_TRANSPORT=true on Linux): "
          + vertx.unavailableNativeTransportCause());
    }
    EventJson.includeTimingFields(config.timingFields());
    log.info("web-edge on {} transport{}", vertx.isNativeTransportEnabled() ? "epoll" : "NIO",
        config.reusePort() ? ", sharing its port with other edges (SO_REUSEPORT)" : "");
    PrometheusMeterRegistry prometheus = OpsServer.newMeterRegistry("web-edge");
    EdgeMetrics metrics = new EdgeMetrics(prometheus);
    if (feeder != null) {
      feeder.bindMetrics(prometheus);
    }
    Gauge.builder("edge_extensions", replica::extensionCount).description("Extensions in the local replica").register(prometheus);
    Gauge.builder("edge_subscribers", replica::subscriberCount).description("Waiting long-polls and push subscriptions").register(prometheus);
    Health health = new Health()
        .register("state-replica", () -> HealthCheck.Status.up(feeder == null
            ? java.util.Map.of("extensions", replica.extensionCount())
            : java.util.Map.of("extensions", replica.extensionCount(), "feeder", feeder.status())))
        .readyWhen(() -> feeder == null || feeder.caughtUp());
    ConnectionLimit connections = new ConnectionLimit(config.maxConnections());
    Gauge.builder("edge_open_connections", connections::open)
        .description("TCP connections the HTTP server holds, of every kind (what EDGE_MAX_CONNECTIONS bounds)")
        .register(prometheus);
    List<EdgeVerticle> verticles = new CopyOnWriteArrayList<>();
    try {
      vertx.deployVerticle(() -> {
        EdgeVerticle v = new EdgeVerticle(config, replica, metrics, prometheus, health, access, connections);
        verticles.add(v);
        return v;
      }, new DeploymentOptions().setInstances(Math.max(1, config.eventLoops())))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("web edge could not listen on " + config.host() + ":" + config.port() + ": " + e, e);
    }
    int opsPort = -1;
    if (config.opsPort() >= 0) {
      opsPort = VertxFutures.await(OpsServer.start(vertx, config.host(), config.opsPort(), health, prometheus),
          java.time.Duration.ofSeconds(30), "edge ops port " + config.opsPort()).actualPort();
    }
    log.info("web-edge listening on {}:{}{}", config.host(), verticles.get(0).actualPort(),
        opsPort < 0 ? "" : ", /health /ready /metrics also on port " + opsPort);
    return new EdgeService(vertx, ownsVertx, feeder, replica, verticles.get(0).actualPort(), opsPort);
  }

  public int port() {
    return port;
  }

  /** This edge's own ops port, or -1 when it has none (EDGE_OPS_PORT). */
  public int opsPort() {
    return opsPort;
  }

  public ExtensionStateReplica replica() {
    return replica;
  }

  @Override
  public void close() {
    if (feeder != null) {
      feeder.close();
    }
    if (ownsVertx) {
      VertxFutures.awaitQuietly(vertx.close(), java.time.Duration.ofSeconds(10));
    }
  }
}
