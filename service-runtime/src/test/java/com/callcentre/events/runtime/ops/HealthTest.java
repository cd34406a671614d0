package com.callcentre.events.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HealthTest {

  @Test
  void healthyOnlyWhenEveryCheckIsUpAndEachCheckIsReportedByName() {
    AtomicBoolean linkUp = new AtomicBoolean(true);
    Health health = new Health()
        .register("kafka", () -> HealthCheck.Status.up(Map.of("brokers", 1)))
        .register("vdn-4500", () -> new HealthCheck.Status(linkUp.get(), Map.of("connected", linkUp.get())));
    assertThat(health.report().healthy()).isTrue();

    linkUp.set(false);
    Health.Report report = health.report();
    assertThat(report.healthy()).isFalse();
    assertThat(report.checks()).containsOnlyKeys("kafka", "vdn-4500");
    assertThat(report.checks().get("vdn-4500")).isEqualTo(Map.of("status", "DOWN", "connected", false));
    assertThat(report.checks().get("kafka")).isEqualTo(Map.of("status", "UP", "brokers", 1));
  }

  @Test
  void aCheckThatThrowsIsDownWithTheErrorNotAnException() {
    Health health = new Health().register("broken", () -> {
      throw new IllegalStateException("no metadata");
    });
    Health.Report report = health.report();
    assertThat(report.healthy()).isFalse();
    assertThat(report.checks().get("broken")).isEqualTo(Map.of("status", "DOWN", "error", "java.lang.IllegalStateException: no metadata"));
  }

  @Test
  void readinessFollowsItsOwnCondition() {
    AtomicBoolean caughtUp = new AtomicBoolean(false);
    Health health = new Health().readyWhen(caughtUp::get);
    assertThat(health.isReady()).isFalse();
    caughtUp.set(true);
    assertThat(health.isReady()).isTrue();
    assertThat(new Health().isReady()).as("ready by default").isTrue();
  }
}
