package com.callcentre.events.edge.access;

import com.callcentre.events.edge.http.QueryParams;
import io.vertx.core.http.HttpServerRequest;

/**
 * Decides what a request may follow, from its token ({@code ?token=} for browsers, which cannot
 * set headers on a WebSocket or EventSource, or {@code Authorization: Bearer}).
 */
public final class AccessPolicy {
  private final TokenVerifier verifier;

  private AccessPolicy(TokenVerifier verifier) {
    this.verifier = verifier;
  }

  public static AccessPolicy from(AccessConfig config) {
    return config.isOpen() ? open() : new AccessPolicy(TokenVerifier.from(config));
  }

  public static AccessPolicy open() {
    return new AccessPolicy(null);
  }

  public Decision check(HttpServerRequest request, QueryParams params) {
    if (verifier == null) {
      return new Decision.Granted(Grant.EVERYTHING);
    }
    String token = params.get("token");
    String header = request.getHeader("Authorization");
    if (token == null && header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = header.substring(7).trim();
    }
    if (token == null || token.isEmpty()) {
      return new Decision.Refused("no token given");
    }
    return verifier.verify(token);
  }

  /** A token's verdict: what it grants, or why it was refused (told to the client with a 401). */
  public sealed interface Decision {
    record Granted(Grant grant) implements Decision {}

    record Refused(String reason) implements Decision {
      public String message() {
        return "a valid subscription token is required: " + reason;
      }
    }
  }
}
