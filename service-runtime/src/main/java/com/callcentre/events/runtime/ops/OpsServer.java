package com.callcentre.events.runtime.ops;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * A small HTTP server with only the operations endpoints, for services that have no HTTP API of
 * their own (the switch reader, the streams app).
 */
public final class OpsServer {
  private OpsServer() {}

  /** A registry with the JVM's own meters, shared by one service. */
  public static PrometheusMeterRegistry newMeterRegistry(String service) {
    return newMeterRegistry(service, MeterFilter.accept());
  }

  /** With a filter on what the service exports, set before the first meter as Micrometer requires. */
  public static PrometheusMeterRegistry newMeterRegistry(String service, MeterFilter filter) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("service", service).meterFilter(filter);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    return registry;
  }

  public static Future<HttpServer> start(Vertx vertx, String host, int port, Health health, PrometheusMeterRegistry metrics) {
    Router router = Router.router(vertx);
    OpsRoutes.mount(router, health, metrics);
    return vertx.createHttpServer().requestHandler(router).listen(port, host);
  }
}
