package com.callcentre.events.edge.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.avro.ExtensionState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The replica's windows keep events as bytes, and give back the same events. */
class CompactWindowTest {
  private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");
  private final AtomicInteger decoded = new AtomicInteger();
  private final Function<byte[], ExtensionEvent> decoder = bytes -> {
    decoded.incrementAndGet();
    return Sequenced.decode(bytes);
  };

  private static ExtensionEvent event(long seq) {
    return new ExtensionEvent("4567", seq, T0.plusMillis(seq), Sequenced.call("4567", "E" + seq, "4500"));
  }

  /** A replica of window {@code size} fed events 1..n with their bytes, as the feeder feeds it. */
  private ExtensionState fed(ExtensionStateReplica replica, List<ExtensionEvent> events) {
    events.forEach(e -> replica.apply(e, Sequenced.encode(e), decoder));
    return replica.get("4567").orElseThrow();
  }

  private static List<ExtensionEvent> events(long from, long to) {
    return LongStream.rangeClosed(from, to).mapToObj(CompactWindowTest::event).toList();
  }

  @Test
  void theEventsComeBackEqualToWhatWasAppliedAndOnlyTheLastKAreKept() {
    List<ExtensionEvent> sent = events(1, 40);
    ExtensionState state = fed(new ExtensionStateReplica(32), sent);

    assertThat(state.getRecent()).isInstanceOf(CompactWindow.class).hasSize(32);
    assertThat(new ArrayList<>(state.getRecent())).isEqualTo(sent.subList(8, 40));
    assertThat(EventWindow.oldest(state)).isEqualTo(9);
  }

  @Test
  void aLiveSubscriberIsSentTheLatestObjectWithoutDecoding() {
    List<ExtensionEvent> sent = events(1, 10);
    ExtensionState state = fed(new ExtensionStateReplica(32), sent);
    decoded.set(0);

    CatchUp next = CatchUp.of(state, 9);
    assertThat(next.gap()).isFalse();
    assertThat(next.events()).hasSize(1);
    assertThat(next.events().get(0)).isSameAs(sent.get(9)).isSameAs(state.getLatest());
    assertThat(EventWindow.oldest(state)).isEqualTo(1);
    assertThat(decoded).as("events decoded for the fan-out and the window's bounds").hasValue(0);
  }

  @Test
  void catchingUpDecodesOnlyTheEventsMissed() {
    List<ExtensionEvent> sent = events(1, 20);
    ExtensionState state = fed(new ExtensionStateReplica(32), sent);
    decoded.set(0);

    assertThat(CatchUp.of(state, 15).events()).isEqualTo(sent.subList(15, 20));
    assertThat(decoded).as("16 to 19 decoded, 20 is the latest object").hasValue(4);
    decoded.set(0);
    assertThat(EventWindow.next(state, 10)).contains(sent.get(10));
    assertThat(decoded).as("the next event only, for a long-poll walking the window").hasValue(1);
    assertThat(EventWindow.after(state, 0)).contains(sent);
    assertThat(EventWindow.after(state, 20)).contains(List.of());
  }

  @Test
  void aGapIsStillAGapWhenTheMissedEventsLeftTheWindow() {
    ExtensionState state = fed(new ExtensionStateReplica(4), events(1, 10));

    assertThat(EventWindow.after(state, 5)).isEmpty();
    CatchUp fallBack = CatchUp.of(state, 3);
    assertThat(fallBack.gap()).isTrue();
    assertThat(fallBack.events()).containsExactly(state.getLatest());
  }

  @Test
  void anOldStateRecordsWindowOfObjectsIsKeptAndBytesFollowIt() {
    ExtensionStateReplica replica = new ExtensionStateReplica(5);
    List<ExtensionEvent> all = events(1, 6);
    List<ExtensionEvent> old = all.subList(0, 3);
    replica.apply(new ExtensionState("4567", 3L, old.get(2), old));
    ExtensionState state = fed(replica, all.subList(3, 6));

    assertThat(new ArrayList<>(state.getRecent())).isEqualTo(all.subList(1, 6));
    assertThat(state.getRecent().get(0)).as("kept as the object it came as").isSameAs(old.get(1));
  }

  @Test
  void aWindowIsAReadOnlyListWithItsBounds() {
    CompactWindow window = CompactWindow.of(events(1, 3));
    assertThat(window.seq(0)).isEqualTo(1);
    assertThat(window.after(1)).extracting(ExtensionEvent::getSeq).containsExactly(2L, 3L);
    assertThatThrownBy(() -> window.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> window.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> window.add(event(4))).isInstanceOf(UnsupportedOperationException.class);
    assertThat(CompactWindow.of(List.of())).isEmpty();
  }
}
