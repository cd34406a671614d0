package com.callcentre.events.switchreader;

import static org.assertj.core.api.Assertions.assertThat;

import com.callcentre.events.runtime.lifecycle.ServiceRunner;
import com.callcentre.events.runtime.lifecycle.ServiceRunner.Startup;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ingest-switch refuses a bad setting at start-up, naming it (the path SwitchMain takes). */
class SwitchConfigTest {

  private static Startup<SwitchConfig> start(Map<String, String> variables, String... args) {
    return ServiceRunner.configure("ingest-switch", args, variables, SwitchConfig.SETTINGS, SwitchConfig::from);
  }

  @Test
  void defaultsFollowTheSimulator() {
    assertThat(start(Map.of())).isInstanceOfSatisfying(Startup.Run.class, run -> {
      SwitchConfig c = (SwitchConfig) run.config();
      assertThat(c.vdns()).containsExactly("4500", "4501", "4502");
      assertThat(c.library()).isEqualTo("asaisim");
      assertThat(c.reconnectFirst()).isEqualTo(Duration.ofSeconds(1));
    });
  }

  @Test
  void aVdnThatIsNotDigitsIsRefused() {
    assertThat(start(Map.of("SWITCH_VDNS", "4500,sales"))).isEqualTo(new Startup.Refused<SwitchConfig>(
        "ingest-switch: SWITCH_VDNS must be a comma-separated list of VDN digits, was '4500,sales'"));
  }

  @Test
  void aCapBelowTheFirstWaitIsRefused() {
    assertThat(start(Map.of(), "--SWITCH_RECONNECT_INITIAL=10s", "--SWITCH_RECONNECT_MAX=2s"))
        .isInstanceOfSatisfying(Startup.Refused.class, r -> assertThat(r.message())
            .contains("SWITCH_RECONNECT_MAX").contains("SWITCH_RECONNECT_INITIAL"));
  }

  @Test
  void aBadPortIsRefused() {
    assertThat(start(Map.of("SWITCH_HTTP_PORT", "-1"))).isInstanceOfSatisfying(Startup.Refused.class,
        r -> assertThat(r.message()).startsWith("ingest-switch: SWITCH_HTTP_PORT must be a port"));
  }
}
