package com.callcentre.events.edge.state;

import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.avro.ExtensionState;
import java.util.List;

/**
 * What a pushed subscriber that last saw {@code lastSent} needs from a new state: the events it
 * missed in order, or, if some have left the window (or the sequence went backwards after a
 * reset), a gap notice and the latest event.
 *
 * @param gap    some events were missed for good
 * @param events what to send now, oldest first
 */
public record CatchUp(boolean gap, List<ExtensionEvent> events) {
  public static CatchUp of(ExtensionState state, long lastSent) {
    if (state.getSeq() == lastSent) {
      return new CatchUp(false, List.of());
    }
    if (state.getSeq() < lastSent) {
      return new CatchUp(true, List.of(state.getLatest()));
    }
    return EventWindow.after(state, lastSent)
        .map(events -> new CatchUp(false, events))
        .orElseGet(() -> new CatchUp(true, List.of(state.getLatest())));
  }
}
