package com.callcentre.events.streams.topology.internal;

import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.schemas.serde.AvroBinary;
import java.io.IOException;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A sequenced event with its Avro encoding, made the first time a sink asks for it and reused by
 * the others: the same bytes go to {@code extension-events.v1}, inside the
 * {@code extension-state.v1} record and to the repartition by call. Encoding the event three times
 * was the largest item of the warmed stream thread's profile (17.5 %); the backlog's rate on the
 * whole pipeline's 2 cores did not change measurably with it (docs/benchmarks.md, #11).
 *
 * <p>Used on one stream thread, from the sequencer's forward to the last sink; the event is not
 * changed after it is sequenced.
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
