package com.callcentre.events.replay.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PaceTest {
  @Test
  void paces() {
    assertThat(Pace.parse("original").sendAfterMillis(1000)).isEqualTo(1000);
    assertThat(Pace.parse("10x").sendAfterMillis(1000)).isEqualTo(100);
    assertThat(Pace.parse("0.5x").sendAfterMillis(1000)).isEqualTo(2000);
    assertThat(Pace.parse("MAX").sendAfterMillis(1000)).isZero();
  }

  @Test
  void nonsenseIsRefused() {
    assertThatThrownBy(() -> Pace.parse("fast")).hasMessageContaining("--speed 'fast' is not a pace");
    assertThatThrownBy(() -> Pace.parse("0x")).hasMessageContaining("is not a pace");
    assertThatThrownBy(() -> Pace.parse("-2x")).hasMessageContaining("is not a pace");
  }
}
