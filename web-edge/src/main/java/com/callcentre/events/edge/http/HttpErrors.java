package com.callcentre.events.edge.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * The edge's one way to refuse an HTTP request: the status and {@code {"error":"<reason>"}}, or
 * that object wrapped in the caller's JSONP callback. Headers the caller set (CORS) are kept.
 */
public final class HttpErrors {
  private HttpErrors() {}

  public static void send(HttpServerResponse response, int status, String reason) {
    send(response, status, reason, null);
  }

  public static void send(HttpServerResponse response, int status, String reason, String jsonpCallback) {
    if (response.ended() || response.closed()) {
      return;
    }
    String body = new JsonObject().put("error", reason).encode();
    response.setStatusCode(status);
    if (jsonpCallback == null) {
      response.putHeader("Content-Type", "application/json").end(body);
    } else {
      response.putHeader("Content-Type", "application/javascript; charset=utf-8").end(jsonpCallback + "(" + body + ");");
    }
  }
}
