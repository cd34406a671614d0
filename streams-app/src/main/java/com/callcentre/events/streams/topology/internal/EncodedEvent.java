package com.callcentre.events.streams.topology.internal;

import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.schemas.serde.AvroBinary;
import java.io.IOException;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A sequenced event with its Avro encoding, made the first time a sink asks for it and reused by
 * the others: in the derived outputs the same bytes go inside the {@code extension-state.v1} record
 * and to the repartition by call; the sequencing writes them to {@code extension-events.v1}.
 * Encoding the event once per sink was the largest item of the warmed stream thread's profile
 * (17.5 %) when one application wrote all three (docs/benchmarks.md, #11). The derived outputs
 * encode again the event they read: 10 % of their thread on a backlog (#11, eighth round).
 *
 * <p>Used on one stream thread, from where it is made to the last sink; the event is not changed
 * after it is sequenced.
 */
public final class EncodedEvent {
  private final ExtensionEvent event;
  private byte[] body;

  public EncodedEvent(ExtensionEvent event) {
    this.event = Objects.requireNonNull(event, "event");
  }

  public ExtensionEvent event() {
    return event;
  }

  /** The event's Avro binary encoding, without the registry's header. */
  byte[] body() {
    if (body == null) {
      try {
        body = AvroBinary.body(event);
      } catch (IOException | RuntimeException e) {
        // a SerializationException is what Streams hands to its production exception handler
        throw new SerializationException("cannot write ExtensionEvent " + event.getExtension() + " #" + event.getSeq() + ": " + e, e);
      }
    }
    return body;
  }
}
