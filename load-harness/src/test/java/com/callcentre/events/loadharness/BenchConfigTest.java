package com.callcentre.events.loadharness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.callcentre.events.runtime.config.ConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchConfigTest {
  @Test
  void aScenarioThenKeyValuesAnyCase() {
    BenchConfig c = BenchConfig.parse(new String[] {"latency", "subscribers=2000", "RATE=500", "warmup=5s", "mix=longpoll,sse"});
    assertThat(c.scenario()).isEqualTo("latency");
    assertThat(c.subscribers()).isEqualTo(2000);
    assertThat(c.rate()).isEqualTo(500);
    assertThat(c.warmup()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.mix()).containsExactly("longpoll", "sse");
    assertThat(c.extensions()).isEqualTo(10_000);
    assertThat(c.warmup()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.edgeJvm()).containsExactly("-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20");
    assertThat(BenchConfig.parse(new String[] {"latency"}).warmup()).isEqualTo(Duration.ofSeconds(120));
    assertThat(BenchConfig.parse(new String[] {"latency", "edge_jvm=-XX:+UseZGC,-XX:ConcGCThreads=1"}).edgeJvm())
        .containsExactly("-XX:+UseZGC", "-XX:ConcGCThreads=1");
  }

  @Test
  void heldHoldsTheLastStep() {
    BenchConfig c = BenchConfig.parse(new String[] {"held", "steps=1000,3000"});
    assertThat(c.steps()).containsExactly(1000, 3000);
    assertThat(c.subscribers()).isEqualTo(3000);
  }

  @Test
  void oneEdgePer15000SubscribersUnlessTold() {
    BenchConfig auto = BenchConfig.parse(new String[] {"held"});
    assertThat(auto.edgesFor(100_000)).isEqualTo(7);
    assertThat(auto.edgesFor(15_000)).isEqualTo(1);
    assertThat(BenchConfig.parse(new String[] {"held", "edges=3"}).edgesFor(100_000)).isEqualTo(3);
  }

  @Test
  void smokeIsSmallUnlessToldOtherwise() {
    BenchConfig smoke = BenchConfig.parse(new String[] {"smoke"});
    assertThat(smoke.subscribers()).isEqualTo(300);
    assertThat(smoke.edgesFor(300)).isEqualTo(2);
    assertThat(smoke.record()).isFalse();
    assertThat(BenchConfig.parse(new String[] {"smoke", "subscribers=50"}).subscribers()).isEqualTo(50);
  }

  @Test
  void badInputIsRefusedWithTheReason() {
    assertThatThrownBy(() -> BenchConfig.parse(new String[] {})).isInstanceOf(ConfigException.class)
        .hasMessageContaining("held, latency, knee, throughput, peer, smoke");
    assertThatThrownBy(() -> BenchConfig.parse(new String[] {"fast"})).isInstanceOf(ConfigException.class)
        .hasMessageContaining("got 'fast'");
    assertThatThrownBy(() -> BenchConfig.parse(new String[] {"held", "subscribers"}))
        .isInstanceOf(ConfigException.class).hasMessageContaining("key=value");
    assertThatThrownBy(() -> BenchConfig.parse(new String[] {"held", "colour=red"}))
        .isInstanceOf(ConfigException.class).hasMessageContaining("colour");
    assertThatThrownBy(() -> BenchConfig.parse(new String[] {"latency", "per_client=25000"}))
        .isInstanceOf(ConfigException.class).hasMessageContaining("PER_CLIENT");
    assertThatThrownBy(() -> BenchConfig.parse(new String[] {"latency", "mix=longpoll,carrier-pigeon"}))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> BenchConfig.parse(new String[] {"latency", "edge_jvm=UseZGC"}))
        .isInstanceOf(ConfigException.class).hasMessageContaining("EDGE_JVM");
    assertThatThrownBy(() -> BenchConfig.parse(new String[] {"latency", "broker=num.io.threads"}))
        .isInstanceOf(ConfigException.class).hasMessageContaining("BROKER");
  }

  @Test
  void brokerSettingsAreTheEmbeddedBrokersOwnUnlessTold() {
    assertThat(BenchConfig.parse(new String[] {"latency"}).brokerSettings()).isEmpty();
    assertThat(BenchConfig.parse(new String[] {"latency", "broker=num.io.threads=2,num.network.threads=1"}).brokerSettings())
        .isEqualTo(Map.of("num.network.threads", "1", "num.io.threads", "2"));
  }

  @Test
  void everyScenarioIsKnown() {
    assertThat(BenchConfig.SCENARIOS).containsExactlyElementsOf(List.of("held", "latency", "knee", "throughput", "peer", "smoke", "soak"));
  }
}
