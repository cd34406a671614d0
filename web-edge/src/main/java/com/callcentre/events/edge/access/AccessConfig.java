package com.callcentre.events.edge.access;

import com.callcentre.events.runtime.config.ConfigException;
import com.callcentre.events.runtime.config.Env;
import com.callcentre.events.runtime.config.Setting;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Who may follow what. Closed by default: calling numbers are personal data, so an edge started
 * on its own refuses to start until it is told how to verify tokens, or told explicitly that
 * access is open (the dev stack does that, and says so).
 */
public record AccessConfig(Mode mode, String secret, String jwks, String issuer, String audience) {
  public enum Mode { TOKENS, OPEN }

  /** HS256 needs a key at least as long as its hash (RFC 7518 3.2). */
  static final int MIN_SECRET_BYTES = 32;

  public static final Setting<Mode> ACCESS = Setting.choice("EDGE_ACCESS", Mode.class, Mode.TOKENS,
      "tokens: every subscription needs a JWT naming what it may follow; open: anyone who reaches the edge may follow any extension");
  public static final Setting<String> TOKEN_SECRET = Setting.text("EDGE_TOKEN_SECRET", "",
      "shared secret of HS256 tokens (at least 32 bytes)");
  public static final Setting<String> TOKEN_JWKS = Setting.text("EDGE_TOKEN_JWKS", "",
      "JWKS file or http(s) URL with the identity provider's RS256/ES256 public keys");
  public static final Setting<String> TOKEN_ISSUER = Setting.text("EDGE_TOKEN_ISSUER", "",
      "when set, a token's iss must equal it");
  public static final Setting<String> TOKEN_AUDIENCE = Setting.text("EDGE_TOKEN_AUDIENCE", "",
      "when set, a token's aud must contain it");
  public static final List<Setting<?>> SETTINGS = List.of(ACCESS, TOKEN_SECRET, TOKEN_JWKS, TOKEN_ISSUER, TOKEN_AUDIENCE);

  public static AccessConfig open() {
    return new AccessConfig(Mode.OPEN, "", "", "", "");
  }

  public static AccessConfig from(Env env) {
    AccessConfig c = new AccessConfig(env.get(ACCESS), env.get(TOKEN_SECRET), env.get(TOKEN_JWKS), env.get(TOKEN_ISSUER),
        env.get(TOKEN_AUDIENCE));
    if (c.mode == Mode.TOKENS && c.secret.isEmpty() && c.jwks.isEmpty()) {
      throw new ConfigException("EDGE_ACCESS is 'tokens' (the default) but neither EDGE_TOKEN_SECRET nor EDGE_TOKEN_JWKS is set:"
          + " set one so subscriptions can be verified, or set EDGE_ACCESS=open to let anyone who reaches the edge follow any"
          + " extension");
    }
    if (!c.secret.isEmpty() && c.secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      throw new ConfigException("EDGE_TOKEN_SECRET must be at least " + MIN_SECRET_BYTES + " bytes for HS256, was "
          + c.secret.getBytes(StandardCharsets.UTF_8).length);
    }
    return c;
  }

  public boolean isOpen() {
    return mode == Mode.OPEN;
  }
}
