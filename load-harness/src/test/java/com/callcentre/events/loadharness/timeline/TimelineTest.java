package com.callcentre.events.loadharness.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {
  private static final long T = 1_795_530_000_000L;

  /** 1,000 events a second for 3 s, each sequenced 10 ms after ingest and committed 20 ms later; one stall. */
  private static List<Delivery> deliveries() {
    List<Delivery> out = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      long ingest = T + i;
      long sequenced = ingest + (i >= 1500 && i < 1510 ? 400 : 10); // ten events behind a 400 ms stall
      out.add(new Delivery(ingest - 1, ingest, sequenced, sequenced + 20));
    }
    java.util.Collections.shuffle(out, new java.util.Random(1));
    return out;
  }

  @Test
  void spreadsEachPartOfThePath() {
    Timeline t = Timeline.of(deliveries());
    assertThat(t.size()).isEqualTo(3000);
    assertThat(t.firstIngestMs()).isEqualTo(T);
    assertThat(t.lastIngestMs()).isEqualTo(T + 2999);
    assertThat(t.spread(Timeline.Part.ORIGIN_TO_INGEST)).isEqualTo(new Timeline.Spread(1, 1, 1, 1));
    assertThat(t.spread(Timeline.Part.INGEST_TO_SEQUENCED)).isEqualTo(new Timeline.Spread(10, 10, 400, 400));
    assertThat(t.spread(Timeline.Part.SEQUENCED_TO_COMMITTED)).isEqualTo(new Timeline.Spread(20, 20, 20, 20));
    assertThat(t.spread(Timeline.Part.INGEST_TO_COMMITTED)).isEqualTo(new Timeline.Spread(30, 30, 420, 420));
  }

  @Test
  void findsTheSecondsWithAStallAndCutsAWindowByIngestTime() {
    Timeline t = Timeline.of(deliveries());
    assertThat(t.slowSeconds(150)).containsExactly(new Timeline.SlowSecond((T + 1500) / 1000, 1000, 400, 20));
    assertThat(t.slowSeconds(500)).isEmpty();
    Timeline last = t.window(T + 2000, Long.MAX_VALUE);
    assertThat(last.size()).isEqualTo(1000);
    assertThat(last.slowSeconds(150)).isEmpty();
  }

  @Test
  void anEventOutsideATransactionHasNoWaitForACommit() {
    Delivery plain = new Delivery(T, T + 1, T + 5, -1);
    assertThat(plain.sequencedToCommitted()).isZero();
    assertThat(plain.ingestToCommitted()).isEqualTo(4);
    assertThat(Timeline.of(List.of()).spread(Timeline.Part.INGEST_TO_COMMITTED)).isEqualTo(new Timeline.Spread(0, 0, 0, 0));
  }
}
