package com.callcentre.events.edge.state;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.EventSource;
import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.avro.ExtensionState;
import com.callcentre.events.schemas.serde.AvroBinary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import java.util.UUID;

/** Test events as the streams-app would sequence them, fed to a replica the way the feeder does (with their bytes). */
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
    ExtensionEvent sequenced = new ExtensionEvent(ext, seq, Instant.now(), event);
    replica.apply(sequenced, encode(sequenced), Sequenced::decode);
    return replica.get(ext).orElseThrow();
  }

  /** An event's Avro bytes, as a window keeps them (the feeder's come framed; a window does not look inside). */
  public static byte[] encode(ExtensionEvent event) {
    try {
      return AvroBinary.body(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ExtensionEvent decode(byte[] encoded) {
    try {
      return new SpecificDatumReader<>(ExtensionEvent.class).read(null, DecoderFactory.get().binaryDecoder(encoded, null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
