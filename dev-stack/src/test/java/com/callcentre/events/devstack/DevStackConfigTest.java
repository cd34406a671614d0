package com.callcentre.events.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.callcentre.events.edge.EdgeConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** bin/run's flags and the services' variables go through one parser, and bad values stop it before anything starts. */
class DevStackConfigTest {

  @Test
  void flagsOverrideVariablesAndDefaultsFillTheRest() {
    DevStackConfig c = DevStackConfig.parse(new String[] {"--data-dir", "/tmp/x", "--wipe", "--kafka-port", "19092",
        "--no-sample-feed", "--EDGE_LONG_POLL_TIMEOUT=5s"}, Map.of("REGISTRY_PORT", "18081", "KAFKA_PORT", "1"));
    assertThat(c.dataDir()).isEqualTo(Path.of("/tmp/x"));
    assertThat(c.wipe()).isTrue();
    assertThat(c.kafkaPort()).isEqualTo(19092);
    assertThat(c.registryPort()).isEqualTo(18081);
    assertThat(c.partitions()).isEqualTo(3);
    assertThat(c.sampleFeed()).isFalse();
    assertThat(EdgeConfig.from(c.services()).longPollTimeout()).hasSeconds(5);
  }

  @Test
  void theEdgePortFlagIsTheEdgesOwnSetting() {
    DevStackConfig c = DevStackConfig.parse(new String[] {"--edge-port", "18080"}, Map.of());
    assertThat(c.edgePort()).isEqualTo(18080);
    assertThat(EdgeConfig.from(c.services()).port()).isEqualTo(18080);
  }

  @Test
  void badLauncherValuesNameTheirSetting() {
    assertThatThrownBy(() -> DevStackConfig.parse(new String[] {"--partitions", "0"}, Map.of()))
        .hasMessage("TOPIC_PARTITIONS must be a whole number from 1 to 1000, was '0'");
    assertThatThrownBy(() -> DevStackConfig.parse(new String[] {"--kafka-port", "kafka"}, Map.of()))
        .hasMessageStartingWith("KAFKA_PORT must be a port");
    assertThatThrownBy(() -> DevStackConfig.parse(new String[] {"--frobnicate"}, Map.of()))
        .hasMessageContaining("unknown option --frobnicate");
  }

  @Test
  void aBadServiceVariableStopsTheLauncherBeforeAnythingStarts() {
    assertThatThrownBy(() -> DevStackConfig.parse(new String[0], Map.of("STREAMS_PROCESSING_GUARANTEE", "sometimes")))
        .hasMessageStartingWith("STREAMS_PROCESSING_GUARANTEE must be one of");
    assertThatThrownBy(() -> DevStackConfig.parse(new String[] {"--SWITCH_VDNS=abc"}, Map.of()))
        .hasMessageStartingWith("SWITCH_VDNS must be");
  }

  @Test
  void helpListsTheLauncherAndEveryServiceSetting() {
    var startup = com.callcentre.events.runtime.lifecycle.ServiceRunner.configure("bin/run", new String[] {"--help"}, Map.of(),
        DevStackConfig.SETTINGS, DevStackConfig::from);
    assertThat(((com.callcentre.events.runtime.lifecycle.ServiceRunner.Startup.Help<?>) startup).text())
        .contains("usage: bin/run").contains("--data-dir VALUE").contains("--no-sample-feed")
        .contains("EDGE_HTTP_PORT, --edge-port VALUE").contains("SWITCH_VDNS").contains("DIALER_REPLY_TIMEOUT")
        .contains("STREAMS_COMMIT_INTERVAL");
  }
}
