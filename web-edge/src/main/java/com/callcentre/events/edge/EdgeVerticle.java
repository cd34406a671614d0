package com.callcentre.events.edge;

import com.callcentre.events.edge.access.AccessPolicy;
import com.callcentre.events.edge.http.ConnectionLimit;
import com.callcentre.events.edge.http.HttpErrors;
import com.callcentre.events.edge.http.QueryParams;
import com.callcentre.events.edge.http.UnreadAnswers;
import com.callcentre.events.edge.legacy.LongPollHandler;
import com.callcentre.events.edge.rest.ExtensionsApi;
import com.callcentre.events.edge.sse.SseHandler;
import com.callcentre.events.edge.state.ExtensionStateReplica;
import com.callcentre.events.edge.ws.WebSocketHandler;
import com.callcentre.events.runtime.ops.Health;
import com.callcentre.events.runtime.ops.OpsRoutes;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP server instance of the edge (one per event loop; they share the port). Routes are wired
 * here and nowhere else.
 */
public final class EdgeVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(EdgeVerticle.class);

  private final EdgeConfig config;
  private final ExtensionStateReplica replica;
  private final EdgeMetrics metrics;
  private final PrometheusMeterRegistry prometheus;
  private final Health health;
  private final AccessPolicy access;
  private final ConnectionLimit connections;
  private HttpServer server;

  public EdgeVerticle(EdgeConfig config, ExtensionStateReplica replica, EdgeMetrics metrics, PrometheusMeterRegistry prometheus,
      Health health, AccessPolicy access, ConnectionLimit connections) {
    this.config = config;
    this.replica = replica;
    this.metrics = metrics;
    this.prometheus = prometheus;
    this.health = health;
    this.access = access;
    this.connections = connections;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(UnreadAnswers::waitForDrain);
    route(router, "longpoll", "/event",
        new LongPollHandler(replica, config.longPollTimeout(), config.allowOrigin(), access, metrics)::handle);
    route(router, "websocket", "/ws", new WebSocketHandler(replica, metrics, access, config, connections)::handle);
    route(router, "sse", "/events", new SseHandler(replica, metrics, access, config.pingInterval(),
        config.writeQueueBytes(), config.allowOrigin())::handle);
    new ExtensionsApi(replica, access).mount(router);
    OpsRoutes.mount(router, health, prometheus);
    router.get("/").handler(ctx -> ctx.redirect("/demo/index.html"));
    router.route("/demo/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
    // The client library at a short, stable address for pages of other origins.
    router.get("/call-events.js").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/javascript; charset=utf-8")
        .putHeader("Access-Control-Allow-Origin", "*")
        .sendFile("webroot/js/call-events.js"));
    // Browser libraries come from their WebJars on Maven Central (jQuery 1.7.2 for the legacy script).
    router.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars").setMaxAgeSeconds(86_400));
    router.route().last().handler(ctx -> HttpErrors.send(ctx.response(), 404, "no such resource: " + ctx.request().path()));
    // A query no handler could decode is the client's mistake, whichever handler read it first.
    router.route().failureHandler(ctx -> {
      if (ctx.failure() instanceof QueryParams.Malformed malformed) {
        HttpErrors.send(ctx.response(), 400, malformed.getMessage());
      } else {
        ctx.next();
      }
    });
    router.errorHandler(500, ctx -> {
      log.error("unexpected failure on {}", ctx.request().uri(), ctx.failure());
      HttpErrors.send(ctx.response(), 500, "internal error");
    });
    router.errorHandler(400, ctx -> HttpErrors.send(ctx.response(), 400, "bad request"));
    router.errorHandler(405, ctx -> HttpErrors.send(ctx.response(), 405, "method not allowed"));

    server = vertx.createHttpServer(serverOptions(config))
        .connectionHandler(conn -> {
          if (!connections.admit(conn)) {
            metrics.badInput("http", "too_many_connections");
            conn.close();
          }
        })
        .requestHandler(router);
    return server.listen();
  }

  /** The HTTP server's options, one place for the edge and the benchmark that measures its floor. */
  public static HttpServerOptions serverOptions(EdgeConfig config) {
    return new HttpServerOptions()
        .setHost(config.host())
        .setPort(config.port())
        .setMaxHeaderSize(config.maxHeaderBytes())
        .setMaxInitialLineLength(4096)
        .setMaxWebSocketMessageSize(config.maxFrameBytes() * 4)
        .setMaxWebSocketFrameSize(config.maxFrameBytes() * 4)
        .setIdleTimeout(0)
        .setTcpNoDelay(true)
        .setReusePort(config.reusePort())
        // Every response and frame is written on its connection's event loop (sessions run on the
        // request's context; the Kafka feeder hands events over with runOnContext). Strict mode
        // lets Vert.x skip the connection's cross-thread outbound queue: a 1,024-slot jctools
        // chunk allocated with every connection, 4.3 KB of the 10.9 KB each held long-poll kept
        // live (class histograms, docs/benchmarks.md #11). A write from another thread would be
        // refused, not queued. Nor does Vert.x then hold a pipelined request back while the answers
        // before it are unread: UnreadAnswers does.
        .setStrictThreadMode(true)
        // No WebSocket compression. Every browser offers permessage-deflate, and with it each socket
        // kept a zlib deflater with its 32 KiB window for as long as it stayed open (context
        // takeover), for events of a few hundred bytes. Offered at all, Vert.x also put a WebSocket
        // extension handler into every HTTP connection's pipeline, long-polls included, where it
        // inspected each response written (the edge's wake-up profile, docs/benchmarks.md #11).
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false)
        // No HTTP/2 over clear text: browsers speak HTTP/2 only over TLS, which a proxy in front
        // ends. Enabled (Vert.x's default), every connection's pipeline carries a handler that
        // looks for the HTTP/2 preface and another for an h2c upgrade, on every request read.
        .setHttp2ClearTextEnabled(false);
  }

  public int actualPort() {
    return server.actualPort();
  }

  /** A protocol's route, or a clear 404 where the operator switched that protocol off. */
  private void route(Router router, String protocol, String path, Handler<RoutingContext> handler) {
    router.get(path).handler(config.serves(protocol) ? handler
        : ctx -> HttpErrors.send(ctx.response(), 404, protocol + " is not served by this edge (EDGE_PROTOCOLS)"));
  }
}
