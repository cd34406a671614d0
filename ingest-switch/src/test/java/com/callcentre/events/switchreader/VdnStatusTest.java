package com.callcentre.events.switchreader;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class VdnStatusTest {

  @Test
  void keepsOnlyTheLatestReconnectWaitsButCountsThemAll() {
    VdnStatus status = new VdnStatus("4500");
    for (int i = 1; i <= 1000; i++) {
      status.reconnecting(Duration.ofMillis(i));
    }
    assertThat(status.reconnects()).isEqualTo(1000);
    assertThat(status.recentReconnectDelaysMs()).hasSize(VdnStatus.RECENT_DELAYS)
        .startsWith(1000L - VdnStatus.RECENT_DELAYS + 1).endsWith(1000L);
    assertThat(status.toMap()).containsEntry("reconnects", 1000L).containsEntry("vdn", "4500");
  }
}
