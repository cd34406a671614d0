package com.callcentre.events.loadharness.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The harness names extensions as the simulator names its agents (asai_sim.c, agents=N). */
class ExtensionsTest {
  @Test
  void tenThousandAreTenVdnsOfAThousandFourDigitAgents() {
    Extensions e = Extensions.spread(10_000);
    assertThat(e.vdns()).isEqualTo(10);
    assertThat(e.vdnNumbers()).startsWith("4500").endsWith("4509");
    assertThat(e.get(0)).isEqualTo("45000001");
    assertThat(e.get(999)).isEqualTo("45001000");
    assertThat(e.get(1000)).isEqualTo("45010001");
    assertThat(e.all()).hasSize(10_000).doesNotHaveDuplicates();
  }

  @Test
  void fewAgentsAreTwoDigitsAsTheSimulatorsDefault() {
    Extensions e = Extensions.spread(8);
    assertThat(e.all()).containsExactly("450001", "450002", "450003", "450004", "450005", "450006", "450007", "450008");
    assertThat(Extensions.spread(100).get(99)).isEqualTo("4500100");
  }

  @Test
  void aCountThatDoesNotFillTheLastVdnIsRoundedUp() {
    assertThat(Extensions.spread(2500).count()).isEqualTo(3000);
  }
}
