package com.callcentre.events.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.callcentre.events.runtime.lifecycle.ServiceRunner;
import com.callcentre.events.runtime.lifecycle.ServiceRunner.Startup;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** web-edge refuses a bad setting at start-up, naming it (the path EdgeMain takes). */
class EdgeConfigTest {

  private static Startup<EdgeConfig> start(Map<String, String> variables, String... args) {
    return ServiceRunner.configure("web-edge", args, variables, EdgeConfig.SETTINGS, EdgeConfig::from);
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
