package com.callcentre.events.loadharness.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.callcentre.events.loadharness.measure.SchedulerLog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoreShareTest {
  private static final SchedulerLog.Second STALLED = new SchedulerLog.Second(100, 640.4, 3.0, Map.of(
      "kafka-broker", new SchedulerLog.Usage(700, 90),
      "streams-app", new SchedulerLog.Usage(300, 210.6),
      "web-edge-1", new SchedulerLog.Usage(150, 40),
      "ingest-switch", new SchedulerLog.Usage(120, 5)));

  @Test
  void namesWhoWaitedAndWhoRanMostFirst() {
    assertThat(CoreShare.describe(STALLED, 2))
        .isEqualTo("pressure  640 ms; waited for a core: streams-app 211, kafka-broker 90; ran: kafka-broker 700, streams-app 300");
  }

  @Test
  void aQuietSecondIsTheMedian() {
    List<SchedulerLog.Second> seconds = List.of(second(10), STALLED, second(30), second(20), second(900));
    assertThat(CoreShare.medianPressure(seconds)).isEqualTo(30);
    assertThat(CoreShare.medianPressure(List.of())).isZero();
  }

  private static SchedulerLog.Second second(double pressure) {
    return new SchedulerLog.Second(1, pressure, 3.0, Map.of());
  }
}
