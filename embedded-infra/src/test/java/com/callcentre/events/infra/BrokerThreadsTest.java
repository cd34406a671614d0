package com.callcentre.events.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The embedded broker's request threads follow the machine's cores, never below one of each kind's floor. */
class BrokerThreadsTest {
  @Test
  void aHandlerPerCoreAndANetworkThreadPerTwo() {
    assertThat(EmbeddedKafka.threadsFor(2)).isEqualTo(Map.of("num.io.threads", "2", "num.network.threads", "1"));
    assertThat(EmbeddedKafka.threadsFor(8)).isEqualTo(Map.of("num.io.threads", "8", "num.network.threads", "4"));
  }

  @Test
  void aSingleCoreStillGetsTwoHandlersAndOneNetworkThread() {
    assertThat(EmbeddedKafka.threadsFor(1)).isEqualTo(Map.of("num.io.threads", "2", "num.network.threads", "1"));
  }
}
