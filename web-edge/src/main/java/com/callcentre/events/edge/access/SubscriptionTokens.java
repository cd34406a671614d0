package com.callcentre.events.edge.access;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed subscription tokens: {@code base64url(payload).base64url(HMAC-SHA256(payload))} where the
 * payload is {@code {"ext":["4567",...],"exp":<epoch seconds>}}. Whoever issues agent sessions
 * signs one with the shared secret; the edge only verifies. {@code "*"} in {@code ext} allows all.
 */
public final class SubscriptionTokens {
  private final byte[] secret;

  public SubscriptionTokens(String secret) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  public String issue(Set<String> extensions, Instant expires) {
    String payload = new JsonObject().put("ext", new JsonArray(extensions.stream().sorted().toList()))
        .put("exp", expires.getEpochSecond()).encode();
    byte[] body = payload.getBytes(StandardCharsets.UTF_8);
    return b64(body) + "." + b64(sign(body));
  }

  /** The extensions a valid, unexpired token allows; empty if the token is missing, forged or expired. */
  public Optional<Set<String>> verify(String token, Instant now) {
    if (token == null || token.indexOf('.') < 1) {
      return Optional.empty();
    }
    try {
      byte[] body = Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.')));
      byte[] signature = Base64.getUrlDecoder().decode(token.substring(token.indexOf('.') + 1));
      if (!MessageDigest.isEqual(sign(body), signature)) {
        return Optional.empty();
      }
      JsonObject payload = new JsonObject(new String(body, StandardCharsets.UTF_8));
      if (payload.getLong("exp", 0L) < now.getEpochSecond()) {
        return Optional.empty();
      }
      Set<String> allowed = new HashSet<>();
      payload.getJsonArray("ext", new JsonArray()).forEach(e -> allowed.add(String.valueOf(e)));
      return Optional.of(allowed);
    } catch (RuntimeException malformed) {
      return Optional.empty();
    }
  }

  public static boolean covers(Set<String> allowed, String extension) {
    return allowed.contains("*") || allowed.contains(extension);
  }

  private byte[] sign(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
