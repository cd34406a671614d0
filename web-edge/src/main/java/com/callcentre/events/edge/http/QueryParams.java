package com.callcentre.events.edge.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A request's query parameters, decoded by the handler that reads them and dropped with it.
 *
 * <p>Vert.x's {@code request.getParam} keeps its decoded map on the request, and a held long-poll
 * or stream keeps its request for as long as it waits: a header map, its entries and the decoded
 * strings, for a few parameters that are read once ({@code bin/bench edge nmt=true} shows them).
 * Decoded exactly as Vert.x decodes them: UTF-8, '+' as a space, ';' as a separator, at most 1,024
 * parameters, names matched without regard to case, the first value of a repeated name. A
 * malformed escape ({@code %zz}) is a {@link Malformed}, which the edge's router answers with 400
 * (from Vert.x it was a 500).
 */
public final class QueryParams {
  private static final int MAX_PARAMS = 1024; // Vert.x's own limit

  private final Map<String, List<String>> decoded;

  private QueryParams(Map<String, List<String>> decoded) {
    this.decoded = decoded;
  }

  public static QueryParams of(HttpServerRequest request) {
    return of(request.uri());
  }

  static QueryParams of(String uri) {
    try {
      return new QueryParams(new QueryStringDecoder(uri, StandardCharsets.UTF_8, true, MAX_PARAMS, false).parameters());
    } catch (IllegalArgumentException e) {
      throw new Malformed(e.getMessage());
    }
  }

  /** A query that cannot be decoded: the client's mistake, answered with 400 and this message. */
  public static final class Malformed extends IllegalArgumentException {
    Malformed(String reason) {
      super("malformed query string: " + reason);
    }
  }

  /** The first value of {@code name}; null when the query has no such parameter. */
  public String get(String name) {
    List<String> values = decoded.get(name);
    if (values == null) {
      for (Map.Entry<String, List<String>> e : decoded.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          values = e.getValue();
          break;
        }
      }
    }
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
