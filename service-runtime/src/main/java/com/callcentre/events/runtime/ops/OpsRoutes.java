package com.callcentre.events.runtime.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /health}, {@code GET /ready} and {@code GET /metrics} on any Vert.x router. */
public final class OpsRoutes {
  private final Health health;
  private final PrometheusMeterRegistry metrics;

  private OpsRoutes(Health health, PrometheusMeterRegistry metrics) {
    this.health = health;
    this.metrics = metrics;
  }

  public static void mount(Router router, Health health, PrometheusMeterRegistry metrics) {
    OpsRoutes routes = new OpsRoutes(health, metrics);
    // /ready as a series too, so an alert sees a service that answers but is not ready. Registered
    // once per registry however many routers (the edge's event loops) mount it; held strongly
    // (Micrometer holds gauges weakly).
    synchronized (metrics) {
      if (metrics.find("service_ready").gauge() == null) {
        Gauge.builder("service_ready", health, h -> h.isReady() ? 1 : 0).strongReference(true)
            .description("1 when the service's /ready answers 200").register(metrics);
      }
    }
    router.get("/health").handler(routes::health);
    router.get("/ready").handler(routes::ready);
    router.get("/metrics").handler(routes::metrics);
  }

  private void health(RoutingContext ctx) {
    Health.Report report = health.report();
    JsonObject body = new JsonObject()
        .put("status", report.healthy() ? "UP" : "DOWN")
        .put("checks", new JsonObject(report.checks()));
    ctx.response().setStatusCode(report.healthy() ? 200 : 503)
        .putHeader("Content-Type", "application/json").end(body.encode());
  }

  private void ready(RoutingContext ctx) {
    boolean ready = health.isReady();
    ctx.response().setStatusCode(ready ? 200 : 503)
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("ready", ready).encode());
  }

  private void metrics(RoutingContext ctx) {
    // Scraping walks every meter: keep it off the event loop.
    ctx.vertx().executeBlocking(metrics::scrape, false).onComplete(result -> {
      if (result.succeeded()) {
        ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(result.result());
      } else {
        ctx.fail(result.cause());
      }
    });
  }
}
