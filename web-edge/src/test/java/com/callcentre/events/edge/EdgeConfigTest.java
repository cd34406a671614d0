package com.callcentre.events.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.callcentre.events.runtime.lifecycle.ServiceRunner;
import com.callcentre.events.runtime.lifecycle.ServiceRunner.Startup;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** web-edge refuses a bad setting at start-up, naming it (the path EdgeMain takes). */
class EdgeConfigTest {

  /** Configures an edge as EdgeMain would; open access unless the variables say otherwise. */
  private static Startup<EdgeConfig> start(Map<String, String> variables, String... args) {
    Map<String, String> all = new java.util.HashMap<>(Map.of("EDGE_ACCESS", "open"));
    all.putAll(variables);
    return ServiceRunner.configure("web-edge", args, all, EdgeConfig.SETTINGS, EdgeConfig::from);
  }

  @Test
  void onItsOwnAnEdgeRefusesToStartUntilToldHowToVerifyTokensOrThatAccessIsOpen() {
    assertThat(ServiceRunner.configure("web-edge", new String[0], Map.of(), EdgeConfig.SETTINGS, EdgeConfig::from))
        .isInstanceOfSatisfying(Startup.Refused.class, r -> assertThat(r.message())
            .startsWith("web-edge: EDGE_ACCESS is 'tokens' (the default) but neither EDGE_TOKEN_SECRET nor EDGE_TOKEN_JWKS is set"));
    assertThat(start(Map.of("EDGE_ACCESS", "tokens", "EDGE_TOKEN_SECRET", "x".repeat(32))))
        .isInstanceOfSatisfying(Startup.Run.class, run -> assertThat(((EdgeConfig) run.config()).access().isOpen()).isFalse());
    assertThat(start(Map.of("EDGE_PROTOCOLS", "longpoll,gopher"))).isInstanceOfSatisfying(Startup.Refused.class,
        r -> assertThat(r.message()).contains("EDGE_PROTOCOLS must be a comma-separated list of longpoll, websocket, sse"));
  }

  @Test
  void settingsAreRead() {
    assertThat(start(Map.of("EDGE_LONG_POLL_TIMEOUT", "45s"), "--edge-max-connections=500"))
        .isInstanceOfSatisfying(Startup.Run.class, run -> {
          EdgeConfig c = (EdgeConfig) run.config();
          assertThat(c.longPollTimeout()).isEqualTo(Duration.ofSeconds(45));
          assertThat(c.maxConnections()).isEqualTo(500);
          assertThat(c.allowOrigin()).isEqualTo("*");
        });
  }

  @Test
  void aBadPortIsRefusedWithItsName() {
    assertThat(start(Map.of("EDGE_HTTP_PORT", "http"))).isEqualTo(new Startup.Refused<EdgeConfig>(
        "web-edge: EDGE_HTTP_PORT must be a port from 0 to 65535 (0 picks a free one), was 'http'"));
  }

  @Test
  void aLongPollTimeoutOutOfRangeIsRefused() {
    assertThat(start(Map.of("EDGE_LONG_POLL_TIMEOUT", "1h"))).isEqualTo(new Startup.Refused<EdgeConfig>(
        "web-edge: EDGE_LONG_POLL_TIMEOUT must be a duration from 1ms to 10m, was '1h'"));
  }

  @Test
  void aBadKafkaAddressIsRefused() {
    assertThat(start(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka"))).isEqualTo(new Startup.Refused<EdgeConfig>(
        "web-edge: KAFKA_BOOTSTRAP_SERVERS must be host:port[,host:port...], was 'kafka'"));
  }
}
