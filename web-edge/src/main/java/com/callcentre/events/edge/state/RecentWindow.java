package com.callcentre.events.edge.state;

import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.avro.ExtensionState;
import java.util.List;
import java.util.function.Function;

/**
 * How an edge keeps an extension's latest event and its last K events from what Kafka tells it:
 * sequenced events one by one ({@code extension-events.v1}) and, at start-up, the compacted latest
 * state ({@code extension-state.v1}). The streams-app no longer writes the window into the state
 * record; state records written before it stopped still carry one and are taken whole.
 *
 * <p>Each method returns the extension's new state, or null when what arrived is already held.
 */
public final class RecentWindow {
  private final int size;

  public RecentWindow(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("a recent window holds at least 1 event, was " + size);
    }
    this.size = size;
  }

  /**
   * The next event of an extension. The one after the latest joins the window; one further on
   * means events were missed (the edge started reading after them), so the window restarts there
   * and catching up across it is a gap. An older one is already held, unless it was sequenced later
   * than the latest: then the streams-app's sequence restarted (its state was reset) and so does
   * the window.
   */
  public ExtensionState withEvent(ExtensionState current, ExtensionEvent event) {
    return withEvent(current, event, null, null);
  }

  /**
   * The same, keeping the event in the window as {@code encoded} (its bytes as {@code decoder}
   * reads them back) rather than as the object; see {@link CompactWindow}.
   */
  public ExtensionState withEvent(ExtensionState current, ExtensionEvent event, byte[] encoded,
      Function<byte[], ExtensionEvent> decoder) {
    if (current == null || event.getSeq() > current.getSeq() + 1 || restarted(current, event)) {
      return new ExtensionState(event.getExtension(), event.getSeq(), event,
          CompactWindow.of(List.of()).append(event, encoded, decoder, size));
    }
    if (event.getSeq() <= current.getSeq()) {
      return null;
    }
    CompactWindow recent = CompactWindow.of(current.getRecent()).append(event, encoded, decoder, size);
    return new ExtensionState(event.getExtension(), event.getSeq(), event, recent);
  }

  /** A record of the compacted state topic: a latest event, with a window if an older streams-app wrote one. */
  public ExtensionState withState(ExtensionState current, ExtensionState state) {
    List<ExtensionEvent> recent = state.getRecent();
    if (recent.isEmpty()) {
      return withEvent(current, state.getLatest());
    }
    if (current != null && state.getSeq() <= current.getSeq() && !restarted(current, state.getLatest())) {
      return null;
    }
    List<ExtensionEvent> kept = recent.size() <= size ? recent : recent.subList(recent.size() - size, recent.size());
    return new ExtensionState(state.getExtension(), state.getSeq(), state.getLatest(), CompactWindow.of(kept));
  }

  private static boolean restarted(ExtensionState current, ExtensionEvent event) {
    return event.getSeq() <= current.getSeq()
        && event.getSequencedTime().isAfter(current.getLatest().getSequencedTime());
  }
}
