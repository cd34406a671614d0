package com.callcentre.events.edge.state;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.EventSource;
import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.avro.ExtensionState;
import java.time.Instant;
import java.util.UUID;

/** Test events as the streams-app would sequence them, fed to a replica the way the feeder does. */
public final class Sequenced {
  private Sequenced() {}

  /** A call event at {@code ext}: {@code name} through {@code vdn}. */
  public static CallEvent call(String ext, String name, String vdn) {
    Instant now = Instant.now();
    return CallEvent.newBuilder().setEventUuid(UUID.randomUUID().toString()).setSource(EventSource.SWITCH)
        .setEventNameS(name).setConnectNum(ext).setVdn(vdn).setEventTime(now).setIngestTime(now).build();
  }

  /** The extension's next event (sequence one past the replica's), applied; returns the new state. */
  public static ExtensionState append(ExtensionStateReplica replica, CallEvent event) {
    String ext = event.getConnectNum();
    long seq = replica.get(ext).map(ExtensionState::getSeq).orElse(0L) + 1;
    replica.apply(new ExtensionEvent(ext, seq, Instant.now(), event));
    return replica.get(ext).orElseThrow();
  }
}
