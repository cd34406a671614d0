package com.callcentre.events.edge.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.callcentre.events.edge.access.AccessPolicy.Decision;
import com.callcentre.events.edge.access.TestTokens.Algorithm;
import com.callcentre.events.edge.events.ExtensionId;
import com.callcentre.events.edge.events.Interest;
import com.callcentre.events.runtime.config.ConfigException;
import com.callcentre.events.runtime.config.Env;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenVerifierTest {
  private static final TestTokens PROVIDER = new TestTokens();
  private static final Instant IN_AN_HOUR = Instant.now().plusSeconds(3600);

  private static TokenVerifier jwksFile(Path dir, String issuer, String audience) throws Exception {
    Path jwks = Files.writeString(dir.resolve("jwks.json"), PROVIDER.jwks());
    return TokenVerifier.from(new AccessConfig(AccessConfig.Mode.TOKENS, "", jwks.toString(), issuer, audience));
  }

  @Test
  void aJwksFileVerifiesRs256AndEs256AndTheGrantCarriesTheClaims(@TempDir Path dir) throws Exception {
    TokenVerifier verifier = jwksFile(dir, "", "");
    for (Algorithm a : List.of(Algorithm.RS256, Algorithm.ES256)) {
      Decision d = verifier.verify(PROVIDER.issue(a, List.of("4567", "4568"), List.of("4500"), IN_AN_HOUR));
      assertThat(d).isInstanceOfSatisfying(Decision.Granted.class, g -> {
        assertThat(g.grant().extensions()).containsExactlyInAnyOrder("4567", "4568");
        assertThat(g.grant().allows(new Interest.Vdn(new ExtensionId("4500")))).isTrue();
        assertThat(g.grant().allows(Interest.ALL)).isFalse();
        assertThat(g.grant().expires()).isPresent();
      });
    }
  }

  @Test
  void hs256KeyedWithThePublishedRsaKeyIsRefused(@TempDir Path dir) throws Exception {
    TokenVerifier verifier = jwksFile(dir, "", "");
    assertThat(verifier.verify(PROVIDER.hmacKeyedWithThePublicKey(List.of("4567"), IN_AN_HOUR)))
        .isEqualTo(new Decision.Refused("the token's signature or algorithm is not accepted"));
  }

  @Test
  void issuerAndAudienceAreCheckedWhenConfigured(@TempDir Path dir) throws Exception {
    TokenVerifier verifier = jwksFile(dir, "https://idp.example", "call-events");
    String right = PROVIDER.issue(Algorithm.RS256, TestTokens.claims(List.of("4567"), List.of(), IN_AN_HOUR)
        .issuer("https://idp.example").audience("call-events").build());
    String wrongIssuer = PROVIDER.issue(Algorithm.RS256, TestTokens.claims(List.of("4567"), List.of(), IN_AN_HOUR)
        .issuer("https://evil.example").audience("call-events").build());
    String noAudience = PROVIDER.issue(Algorithm.RS256, TestTokens.claims(List.of("4567"), List.of(), IN_AN_HOUR)
        .issuer("https://idp.example").build());
    assertThat(verifier.verify(right)).isInstanceOf(Decision.Granted.class);
    assertThat(verifier.verify(wrongIssuer)).isInstanceOf(Decision.Refused.class);
    assertThat(verifier.verify(noAudience)).isInstanceOf(Decision.Refused.class);
  }

  @Test
  void aTokenWithoutExpiryOrWithMalformedClaimsIsRefused(@TempDir Path dir) throws Exception {
    TokenVerifier verifier = jwksFile(dir, "", "");
    String noExp = PROVIDER.issue(Algorithm.RS256, new com.nimbusds.jwt.JWTClaimsSet.Builder()
        .claim("extensions", List.of("4567")).build());
    String notAList = PROVIDER.issue(Algorithm.RS256, TestTokens.claims(List.of(), List.of(), IN_AN_HOUR)
        .claim("extensions", 4567).build());
    assertThat(verifier.verify(noExp)).isInstanceOfSatisfying(Decision.Refused.class,
        r -> assertThat(r.reason()).contains("exp"));
    assertThat(verifier.verify(notAList))
        .isEqualTo(new Decision.Refused("the claims 'extensions' and 'vdns' must be lists of strings"));
  }

  @Test
  void anEdgeIsClosedByDefaultAndRefusesToStartWithoutAWayToVerifyTokens() {
    assertThatThrownBy(() -> AccessConfig.from(Env.of(Map.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("neither EDGE_TOKEN_SECRET nor EDGE_TOKEN_JWKS is set")
        .hasMessageContaining("EDGE_ACCESS=open");
    assertThatThrownBy(() -> AccessConfig.from(Env.of(Map.of("EDGE_TOKEN_SECRET", "short"))))
        .hasMessage("EDGE_TOKEN_SECRET must be at least 32 bytes for HS256, was 5");
    assertThatThrownBy(() -> TokenVerifier.from(new AccessConfig(AccessConfig.Mode.TOKENS, "", "/no/such/jwks.json", "", "")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("EDGE_TOKEN_JWKS must be a readable JWKS file");
    assertThat(AccessConfig.from(Env.of(Map.of("EDGE_ACCESS", "open"))).isOpen()).isTrue();
  }
}
