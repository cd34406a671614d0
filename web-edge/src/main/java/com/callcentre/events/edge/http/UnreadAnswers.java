package com.callcentre.events.edge.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Holds a request back while its connection's earlier answers lie unread.
 *
 * <p>A client may pipeline requests on one connection and never read an answer. Vert.x answers
 * them one after another and keeps reading the next ones, and each answer waits in the
 * connection's outbound buffer: with legacy polls that are answered at once (eventid junk, the
 * latest event), one such client grew the edge's heap by ~13 bytes per byte it sent, without
 * bound. Vert.x serves a connection's pipelined requests in order, one response at a time, so
 * holding this request until the connection drains also stops it reading the ones behind it:
 * the client's own socket buffers fill, and it is the one that waits.
 */
public final class UnreadAnswers {
  private UnreadAnswers() {}

  /** Route handler: go on at once, or once the connection's write queue has drained. */
  public static void waitForDrain(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    if (!response.writeQueueFull()) {
      ctx.next();
      return;
    }
    response.drainHandler(v -> {
      response.drainHandler(null);
      if (!response.closed()) {
        ctx.next();
      }
    });
  }
}
