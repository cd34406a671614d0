package com.callcentre.events.edge.ws;

import com.callcentre.events.edge.EdgeConfig;
import com.callcentre.events.edge.EdgeMetrics;
import com.callcentre.events.edge.access.AccessPolicy;
import com.callcentre.events.edge.access.AccessPolicy.Decision;
import com.callcentre.events.edge.http.ConnectionLimit;
import com.callcentre.events.edge.http.HttpErrors;
import com.callcentre.events.edge.http.QueryParams;
import com.callcentre.events.edge.state.ExtensionStateReplica;
import com.callcentre.events.edge.subscription.Client;
import io.vertx.core.http.HttpConnection;
import io.vertx.ext.web.RoutingContext;

/** Upgrades {@code GET /ws} to a {@link WebSocketSession}; a request without a valid token (when required) gets 401. */
public final class WebSocketHandler {
  private final ExtensionStateReplica replica;
  private final EdgeMetrics metrics;
  private final AccessPolicy access;
  private final EdgeConfig config;
  private final ConnectionLimit connections;

  public WebSocketHandler(ExtensionStateReplica replica, EdgeMetrics metrics, AccessPolicy access, EdgeConfig config,
      ConnectionLimit connections) {
    this.replica = replica;
    this.metrics = metrics;
    this.access = access;
    this.config = config;
    this.connections = connections;
  }

  public void handle(RoutingContext ctx) {
    QueryParams params = QueryParams.of(ctx.request());
    Decision decision = access.check(ctx.request(), params);
    if (decision instanceof Decision.Refused refused) {
      metrics.badInput("websocket", "no_valid_token");
      HttpErrors.send(ctx.response(), 401, refused.message());
      return;
    }
    Decision.Granted granted = (Decision.Granted) decision;
    Client client = Client.of("websocket", ctx.request(), params).orElse(null);
    if (client == null) {
      metrics.badInput("websocket", "bad_name");
      HttpErrors.send(ctx.response(), 400, Client.NAME_RULE);
      return;
    }
    HttpConnection connection = ctx.request().connection();
    ctx.request().toWebSocket().onSuccess(socket -> new WebSocketSession(socket, ctx.vertx(), replica, metrics,
            client, granted.grant(), config.maxExtensionsPerSocket(), config.maxFrameBytes(), config.writeQueueBytes(),
            config.pingInterval()).onClose(() -> connections.release(connection)))
        .onFailure(e -> HttpErrors.send(ctx.response(), 400, "WebSocket upgrade failed: " + e.getMessage()));
  }
}
