package com.callcentre.events.edge.ws;

import com.callcentre.events.edge.EdgeConfig;
import com.callcentre.events.edge.EdgeMetrics;
import com.callcentre.events.edge.access.AccessPolicy;
import com.callcentre.events.edge.state.ExtensionStateReplica;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;

/** Upgrades {@code GET /ws} to a {@link WebSocketSession}; a request without a valid token (when required) gets 401. */
public final class WebSocketHandler {
  private final ExtensionStateReplica replica;
  private final EdgeMetrics metrics;
  private final AccessPolicy access;
  private final EdgeConfig config;

  public WebSocketHandler(ExtensionStateReplica replica, EdgeMetrics metrics, AccessPolicy access, EdgeConfig config) {
    this.replica = replica;
    this.metrics = metrics;
    this.access = access;
    this.config = config;
  }

  public void handle(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    Optional<Set<String>> allowed = access.allowed(req);
    if (allowed.isEmpty()) {
      ctx.response().setStatusCode(401).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("error", "a valid subscription token is required").encode());
      return;
    }
    req.toWebSocket().onSuccess(socket -> new WebSocketSession(socket, ctx.vertx(), replica, metrics, allowed.get(),
        config.maxExtensionsPerSocket(), config.maxFrameBytes(), config.writeQueueBytes(), config.pingInterval()))
        .onFailure(e -> {
          if (!ctx.response().ended()) {
            ctx.response().setStatusCode(400).end("WebSocket upgrade failed: " + e.getMessage());
          }
        });
  }
}
