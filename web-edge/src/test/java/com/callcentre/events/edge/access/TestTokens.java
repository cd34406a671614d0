package com.callcentre.events.edge.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * An identity provider for tests: an HS256 secret and an RSA and an EC key pair whose public
 * halves are its JWKS; it issues subscription tokens the way a site's provider would.
 */
public final class TestTokens {
  public static final String SECRET = "a-shared-secret-of-at-least-32-bytes!";

  private final RSAKey rsa;
  private final ECKey ec;

  public TestTokens() {
    try {
      rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
      ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public keys, as the provider publishes them. */
  public String jwks() {
    return new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString();
  }

  public enum Algorithm { HS256, RS256, ES256 }

  /** A token for these extensions (and VDNs) valid from a minute ago until {@code expires}. */
  public String issue(Algorithm algorithm, List<String> extensions, List<String> vdns, Instant expires) {
    return issue(algorithm, claims(extensions, vdns, expires).build());
  }

  public String issue(Algorithm algorithm, JWTClaimsSet claims) {
    try {
      return switch (algorithm) {
        case HS256 -> sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)), JWSAlgorithm.HS256, null, claims);
        case RS256 -> sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, rsa.getKeyID(), claims);
        case ES256 -> sign(new ECDSASigner(ec), JWSAlgorithm.ES256, ec.getKeyID(), claims);
      };
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The algorithm-confusion forgery: HS256 keyed with the provider's published RSA key. */
  public String hmacKeyedWithThePublicKey(List<String> extensions, Instant expires) {
    try {
      return sign(new MACSigner(rsa.toRSAPublicKey().getEncoded()), JWSAlgorithm.HS256, rsa.getKeyID(),
          claims(extensions, List.of(), expires).build());
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Signed by a stranger's key that claims to be the provider's (same key id): a forgery. */
  public static String forged(Algorithm algorithm, List<String> extensions, Instant expires) {
    TestTokens stranger = new TestTokens();
    if (algorithm == Algorithm.HS256) {
      try {
        return sign(new MACSigner("another-secret-that-is-also-32-bytes-long"), JWSAlgorithm.HS256, null,
            claims(extensions, List.of(), expires).build());
      } catch (JOSEException e) {
        throw new IllegalStateException(e);
      }
    }
    return stranger.issue(algorithm, extensions, List.of(), expires);
  }

  public static JWTClaimsSet.Builder claims(List<String> extensions, List<String> vdns, Instant expires) {
    return new JWTClaimsSet.Builder().subject("agent-17").claim("extensions", extensions).claim("vdns", vdns)
        .notBeforeTime(Date.from(Instant.now().minusSeconds(60))).expirationTime(Date.from(expires));
  }

  private static String sign(JWSSigner signer, JWSAlgorithm algorithm, String keyId, JWTClaimsSet claims)
      throws JOSEException {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).build(), claims);
    jwt.sign(signer);
    return jwt.serialize();
  }
}
