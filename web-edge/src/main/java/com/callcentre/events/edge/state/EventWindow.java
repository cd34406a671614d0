package com.callcentre.events.edge.state;

import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.avro.ExtensionState;
import java.util.List;
import java.util.Optional;

/** Questions about an extension's recent window that every protocol asks the same way. */
public final class EventWindow {
  private EventWindow() {}

  /** Lowest sequence still held in the window. */
  public static long oldest(ExtensionState state) {
    List<ExtensionEvent> recent = state.getRecent();
    if (recent.isEmpty()) {
      return state.getSeq();
    }
    return recent instanceof CompactWindow window ? window.seq(0) : recent.get(0).getSeq();
  }

  /**
   * Every event after {@code seq}, oldest first, or empty if some of them have already left the
   * window (a gap: the caller falls back to the latest).
   */
  public static Optional<List<ExtensionEvent>> after(ExtensionState state, long seq) {
    if (seq >= state.getSeq()) {
      return Optional.of(List.of());
    }
    if (seq + 1 < oldest(state)) {
      return Optional.empty();
    }
    // A replica's window decodes only the events asked for; any other list is filtered as it is.
    List<ExtensionEvent> recent = state.getRecent();
    return Optional.of(recent instanceof CompactWindow window ? window.after(seq)
        : recent.stream().filter(e -> e.getSeq() > seq).toList());
  }

  /** The event right after {@code seq}, if it is still in the window. */
  public static Optional<ExtensionEvent> next(ExtensionState state, long seq) {
    return after(state, seq).flatMap(events -> events.stream().findFirst());
  }
}
