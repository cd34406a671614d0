package com.callcentre.events.edge.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Holds a request back while its connection's earlier answers lie unread.
 *
 * <p>A client may pipeline requests on one connection and never read an answer. In strict thread
 * mode (the edge's, {@code EdgeVerticle.serverOptions}) Vert.x writes each answer to the channel
 * at once, writable or not, and goes straight on to the next request, so every answer waits in
 * the connection's outbound buffer: with legacy polls that are answered at once (eventid junk,
 * the latest event), one such client grew the edge's heap without bound (29-45 MB in
 * {@code SlowSubscribersTest}). Vert.x serves a connection's pipelined requests one at a time, so
 * holding this request until the connection drains also stops it reading the ones behind it
 * (beyond one read-ahead batch): the client's own socket buffers fill, and it is the one that
 * waits.
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
