package com.callcentre.events.edge.http;

import io.vertx.core.http.HttpConnection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's open TCP connections counted against {@code EDGE_MAX_CONNECTIONS}, shared by the
 * edge's event loops.
 *
 * <p>Vert.x does not call an HTTP connection's close handler once the connection has been upgraded
 * to a WebSocket, so counting on that handler alone leaked one slot per WebSocket ever opened, and
 * after that many the edge refused everyone (found by the edge's fuzz test). An upgraded connection
 * is therefore released when its WebSocket ends as well; either way a connection is released once.
 */
public final class ConnectionLimit {
  private final int max;
  private final AtomicInteger open = new AtomicInteger();
  private final Map<HttpConnection, Boolean> held = new ConcurrentHashMap<>();

  public ConnectionLimit(int max) {
    this.max = max;
  }

  /** Takes a slot for a new connection and releases it when the connection closes; false when none is left. */
  public boolean admit(HttpConnection connection) {
    if (open.incrementAndGet() > max) {
      open.decrementAndGet();
      return false;
    }
    held.put(connection, Boolean.TRUE);
    connection.closeHandler(v -> release(connection));
    return true;
  }

  /** Gives the connection's slot back, if it still holds one. */
  public void release(HttpConnection connection) {
    if (held.remove(connection) != null) {
      open.decrementAndGet();
    }
  }

  public int open() {
    return open.get();
  }
}
