package com.callcentre.events.edge.access;

import io.vertx.core.http.HttpServerRequest;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Whether a request may follow an extension: always when tokens are off, else by its token. */
public final class AccessPolicy {
  private final SubscriptionTokens tokens;

  private AccessPolicy(SubscriptionTokens tokens) {
    this.tokens = tokens;
  }

  public static AccessPolicy open() {
    return new AccessPolicy(null);
  }

  public static AccessPolicy withSecret(String secret) {
    return new AccessPolicy(new SubscriptionTokens(secret));
  }

  /** The extensions this request may follow; {@code ["*"]} when tokens are off, empty when refused. */
  public Optional<Set<String>> allowed(HttpServerRequest request) {
    if (tokens == null) {
      return Optional.of(Set.of("*"));
    }
    String token = request.getParam("token");
    String header = request.getHeader("Authorization");
    if (token == null && header != null && header.startsWith("Bearer ")) {
      token = header.substring("Bearer ".length()).trim();
    }
    return tokens.verify(token, Instant.now());
  }

  public boolean mayFollow(HttpServerRequest request, String extension) {
    return allowed(request).map(set -> SubscriptionTokens.covers(set, extension)).orElse(false);
  }
}
