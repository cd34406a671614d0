package com.callcentre.events.edge.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.avro.ExtensionState;
import com.callcentre.events.edge.events.ExtensionId;
import com.callcentre.events.edge.events.Interest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ExtensionStateReplicaTest {
  private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");

  private static ExtensionEvent event(String ext, long seq, Instant sequenced) {
    return new ExtensionEvent(ext, seq, sequenced, Sequenced.call(ext, "E" + seq, "4500"));
  }

  private static ExtensionEvent event(String ext, long seq) {
    return event(ext, seq, T0.plusMillis(seq));
  }

  private static List<Long> window(ExtensionStateReplica replica, String ext) {
    return replica.get(ext).orElseThrow().getRecent().stream().map(ExtensionEvent::getSeq).toList();
  }

  @Test
  void anUpdateReachesItsExtensionItsVdnAndAllButNotOthers() {
    ExtensionStateReplica replica = new ExtensionStateReplica();
    List<String> told = new ArrayList<>();
    replica.subscribe(new Interest.Extension(new ExtensionId("4567")), s -> told.add("ext " + s.getExtension()));
    replica.subscribe(new Interest.Vdn(new ExtensionId("4500")), s -> told.add("vdn " + s.getExtension()));
    replica.subscribe(Interest.ALL, s -> told.add("all " + s.getExtension()));
    replica.subscribe(new Interest.Extension(new ExtensionId("9999")), s -> told.add("wrong " + s.getExtension()));

    Sequenced.append(replica, Sequenced.call("4567", "C_OFFERED", "4500"));
    Sequenced.append(replica, Sequenced.call("4568", "C_OFFERED", "4600"));
    assertThat(told).containsExactly("ext 4567", "vdn 4567", "all 4567", "all 4568");
  }

  @Test
  void aKeyNoClientCouldNameIsKeptAndDoesNotStopTheFeeder() {
    ExtensionStateReplica replica = new ExtensionStateReplica();
    List<String> told = new ArrayList<>();
    replica.subscribe(Interest.ALL, s -> told.add(s.getExtension()));
    CallEvent odd = Sequenced.call("45 67 with blanks", "C_OFFERED", "not a vdn!");
    Sequenced.append(replica, odd);
    assertThat(replica.get("45 67 with blanks")).isPresent();
    assertThat(told).containsExactly("45 67 with blanks");
  }

  @Test
  void theWindowKeepsTheLastKEventsInSequence() {
    ExtensionStateReplica replica = new ExtensionStateReplica(4);
    LongStream.rangeClosed(1, 6).forEach(seq -> replica.apply(event("4567", seq)));

    ExtensionState state = replica.get("4567").orElseThrow();
    assertThat(state.getSeq()).isEqualTo(6);
    assertThat(state.getLatest().getSeq()).isEqualTo(6);
    assertThat(window(replica, "4567")).containsExactly(3L, 4L, 5L, 6L);
  }

  @Test
  void anEventAlreadyHeldChangesNothingAndTellsNoOne() {
    ExtensionStateReplica replica = new ExtensionStateReplica();
    List<Long> told = new ArrayList<>();
    replica.subscribe(Interest.ALL, s -> told.add(s.getSeq()));
    replica.apply(event("4567", 1));
    replica.apply(event("4567", 2));
    replica.apply(event("4567", 2));
    replica.apply(event("4567", 1));

    assertThat(told).containsExactly(1L, 2L);
    assertThat(window(replica, "4567")).containsExactly(1L, 2L);
  }

  @Test
  void aJumpInTheSequenceRestartsTheWindowThere() {
    ExtensionStateReplica replica = new ExtensionStateReplica();
    replica.apply(event("4567", 1));
    replica.apply(event("4567", 2));
    replica.apply(event("4567", 5));

    assertThat(window(replica, "4567")).as("3 and 4 were never read: catching up across them is a gap").containsExactly(5L);
    assertThat(EventWindow.after(replica.get("4567").orElseThrow(), 2)).isEmpty();
  }

  @Test
  void aSequenceThatStartsAgainLaterIsAReset() {
    ExtensionStateReplica replica = new ExtensionStateReplica();
    replica.apply(event("4567", 7, T0));
    replica.apply(event("4567", 1, T0.plusSeconds(60)));

    assertThat(replica.get("4567").orElseThrow().getSeq()).isEqualTo(1);
    assertThat(window(replica, "4567")).containsExactly(1L);
  }

  @Test
  void aLatestOnlyStateRecordJoinsTheWindowOrStartsOne() {
    ExtensionStateReplica replica = new ExtensionStateReplica();
    replica.apply(event("4567", 1));
    replica.apply(event("4567", 2));
    replica.apply(new ExtensionState("4567", 3L, event("4567", 3), List.of()));
    replica.apply(new ExtensionState("4567", 2L, event("4567", 2), List.of()));
    replica.apply(new ExtensionState("4568", 9L, event("4568", 9), List.of()));

    assertThat(window(replica, "4567")).containsExactly(1L, 2L, 3L);
    assertThat(window(replica, "4568")).containsExactly(9L);
  }

  @Test
  void aStateRecordFromAnOlderStreamsAppBringsItsWindowTrimmedToK() {
    ExtensionStateReplica replica = new ExtensionStateReplica(3);
    List<ExtensionEvent> recent = LongStream.rangeClosed(1, 5).mapToObj(seq -> event("4567", seq)).toList();
    replica.apply(new ExtensionState("4567", 5L, recent.get(4), recent));
    replica.apply(new ExtensionState("4567", 4L, recent.get(3), recent.subList(0, 4)));

    assertThat(window(replica, "4567")).containsExactly(3L, 4L, 5L);
  }
}
