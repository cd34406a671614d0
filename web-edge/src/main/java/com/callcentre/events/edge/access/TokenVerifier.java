package com.callcentre.events.edge.access;

import com.callcentre.events.edge.access.AccessPolicy.Decision;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import com.callcentre.events.runtime.config.ConfigException;

/**
 * Verifies subscription tokens: standard JWTs, so the site's identity provider issues them with
 * no code of ours. HS256 with the shared secret, RS256/ES256 with the keys of a JWKS (a file, or
 * a URL fetched once, cached and refreshed ahead of expiry in the background so verification on
 * an event loop does not wait on the network). {@code exp} is required; {@code exp} and
 * {@code nbf} are honoured with a minute of clock skew; {@code iss} and {@code aud} when configured.
 *
 * <p>Claims: {@code extensions} (list; {@code "*"} for all) and {@code vdns} (list), e.g.
 * {@code {"sub":"agent-17","extensions":["4567"],"exp":1767225600}}.
 */
final class TokenVerifier {
  static final String EXTENSIONS_CLAIM = "extensions";
  static final String VDNS_CLAIM = "vdns";
  private static final Set<JWSAlgorithm> PUBLIC_KEY_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

  private TokenVerifier(JWSKeySelector<SecurityContext> keys, AccessConfig config) {
    processor.setJWSKeySelector(keys);
    JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
    if (!config.issuer().isEmpty()) {
      exact.issuer(config.issuer());
    }
    processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
        config.audience().isEmpty() ? null : config.audience(), exact.build(), Set.of("exp")));
  }

  static TokenVerifier from(AccessConfig config) {
    JWSKeySelector<SecurityContext> hs = config.secret().isEmpty() ? null : new JWSVerificationKeySelector<>(
        JWSAlgorithm.HS256, new ImmutableSecret<>(config.secret().getBytes(StandardCharsets.UTF_8)));
    JWSKeySelector<SecurityContext> pk = config.jwks().isEmpty() ? null
        : new JWSVerificationKeySelector<>(PUBLIC_KEY_ALGORITHMS, jwks(config.jwks()));
    // Each algorithm is looked up only among the keys meant for it: an HS256 token is never
    // checked against a public key (the classic algorithm-confusion forgery).
    JWSKeySelector<SecurityContext> keys = (header, context) -> {
      JWSKeySelector<SecurityContext> chosen = JWSAlgorithm.HS256.equals(header.getAlgorithm()) ? hs
          : PUBLIC_KEY_ALGORITHMS.contains(header.getAlgorithm()) ? pk : null;
      return chosen == null ? List.of() : chosen.selectJWSKeys(header, context);
    };
    return new TokenVerifier(keys, config);
  }

  private static JWKSource<SecurityContext> jwks(String location) {
    try {
      if (location.startsWith("http://") || location.startsWith("https://")) {
        URL url = URI.create(location).toURL();
        return JWKSourceBuilder.<SecurityContext>create(url).retrying(true).refreshAheadCache(true).build();
      }
      return new ImmutableJWKSet<>(JWKSet.load(new File(location)));
    } catch (IOException | ParseException | IllegalArgumentException e) {
      throw new ConfigException("EDGE_TOKEN_JWKS must be a readable JWKS file or an http(s) URL, was '" + location + "': "
          + e.getMessage());
    }
  }

  Decision verify(String token) {
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (ParseException e) {
      return new Decision.Refused("the token is not a JWT");
    } catch (BadJWTException e) {
      return new Decision.Refused(e.getMessage()); // "Expired JWT", "JWT before use time", issuer or audience
    } catch (BadJOSEException | JOSEException e) {
      return new Decision.Refused("the token's signature or algorithm is not accepted");
    }
    try {
      return new Decision.Granted(new Grant(list(claims, EXTENSIONS_CLAIM), list(claims, VDNS_CLAIM),
          Optional.ofNullable(claims.getExpirationTime()).map(java.util.Date::toInstant)));
    } catch (ParseException e) {
      return new Decision.Refused("the claims '" + EXTENSIONS_CLAIM + "' and '" + VDNS_CLAIM + "' must be lists of strings");
    }
  }

  private static Set<String> list(JWTClaimsSet claims, String name) throws ParseException {
    List<String> values = claims.getStringListClaim(name);
    return values == null ? Set.of() : values.stream().filter(Objects::nonNull).collect(Collectors.toSet());
  }
}
