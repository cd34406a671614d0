package com.callcentre.events.edge.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.EventSource;
import com.callcentre.events.avro.ExtensionState;
import com.callcentre.events.edge.events.ExtensionId;
import com.callcentre.events.edge.events.Interest;
import com.callcentre.events.streams.sequencing.ExtensionWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExtensionStateReplicaTest {
  private static ExtensionState state(String ext, String vdn) {
    Instant now = Instant.now();
    CallEvent e = CallEvent.newBuilder().setEventUuid(UUID.randomUUID().toString()).setSource(EventSource.DIALER)
        .setEventNameS("C_OFFERED").setConnectNum(ext).setVdn(vdn).setEventTime(now).setIngestTime(now).build();
    return ExtensionWindow.append(null, ext, e, 32, now);
  }

  @Test
  void anUpdateReachesItsExtensionItsVdnAndAllButNotOthers() {
    ExtensionStateReplica replica = new ExtensionStateReplica();
    List<String> told = new ArrayList<>();
    replica.subscribe(new Interest.Extension(new ExtensionId("4567")), s -> told.add("ext " + s.getExtension()));
    replica.subscribe(new Interest.Vdn(new ExtensionId("4500")), s -> told.add("vdn " + s.getExtension()));
    replica.subscribe(Interest.ALL, s -> told.add("all " + s.getExtension()));
    replica.subscribe(new Interest.Extension(new ExtensionId("9999")), s -> told.add("wrong " + s.getExtension()));

    replica.apply(state("4567", "4500"));
    replica.apply(state("4568", "4600"));
    assertThat(told).containsExactly("ext 4567", "vdn 4567", "all 4567", "all 4568");
  }

  @Test
  void aKeyNoClientCouldNameIsKeptAndDoesNotStopTheFeeder() {
    ExtensionStateReplica replica = new ExtensionStateReplica();
    List<String> told = new ArrayList<>();
    replica.subscribe(Interest.ALL, s -> told.add(s.getExtension()));
    replica.apply(state("45 67 with blanks", "not a vdn!"));
    assertThat(replica.get("45 67 with blanks")).isPresent();
    assertThat(told).containsExactly("45 67 with blanks");
  }
}
