package com.callcentre.events.dialer;

import static org.assertj.core.api.Assertions.assertThat;

import com.callcentre.events.runtime.lifecycle.ServiceRunner;
import com.callcentre.events.runtime.lifecycle.ServiceRunner.Startup;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ingest-dialer refuses a bad setting at start-up, naming it (the path DialerMain takes). */
class DialerConfigTest {

  private static Startup<DialerConfig> start(Map<String, String> variables, String... args) {
    return ServiceRunner.configure("ingest-dialer", args, variables, DialerConfig.SETTINGS, DialerConfig::from);
  }

  @Test
  void settingsAreRead() {
    assertThat(start(Map.of("DIALER_REPLY_TIMEOUT", "2s"), "--DIALER_MAX_BATCH=10")).isInstanceOfSatisfying(Startup.Run.class,
        run -> {
          DialerConfig c = (DialerConfig) run.config();
          assertThat(c.replyTimeout()).isEqualTo(Duration.ofSeconds(2));
          assertThat(c.limits().maxBatch()).isEqualTo(10);
          assertThat(c.zmqEndpoint()).isEqualTo("tcp://127.0.0.1:5570");
        });
  }

  @Test
  void aBadTimeoutIsRefusedWithItsName() {
    assertThat(start(Map.of("DIALER_REPLY_TIMEOUT", "ten seconds"))).isEqualTo(new Startup.Refused<DialerConfig>(
        "ingest-dialer: DIALER_REPLY_TIMEOUT must be a duration like 500ms, 30s or 5m, was 'ten seconds'"));
  }

  @Test
  void aBrokenExtensionPatternIsRefused() {
    assertThat(start(Map.of("DIALER_EXTENSION_PATTERN", "[0-9"))).isEqualTo(new Startup.Refused<DialerConfig>(
        "ingest-dialer: DIALER_EXTENSION_PATTERN must be a regular expression, was '[0-9'"));
  }

  @Test
  void aMalformedEndpointIsRefused() {
    assertThat(start(Map.of("DIALER_ZMQ_ENDPOINT", "localhost:5570"))).isInstanceOfSatisfying(Startup.Refused.class,
        r -> assertThat(r.message()).contains("DIALER_ZMQ_ENDPOINT must be a 0MQ endpoint tcp://HOST:PORT"));
  }
}
