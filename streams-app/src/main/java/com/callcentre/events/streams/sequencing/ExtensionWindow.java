package com.callcentre.events.streams.sequencing;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.avro.ExtensionState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The per-extension rule: the next event gets the next sequence number and joins the last-K window. */
public final class ExtensionWindow {
  private ExtensionWindow() {}

  /** The state after {@code event}; {@code previous} is null for an extension seen for the first time. */
  public static ExtensionState append(ExtensionState previous, String extension, CallEvent event, int recentWindow, Instant now) {
    long seq = previous == null ? 1 : previous.getSeq() + 1;
    ExtensionEvent sequenced = ExtensionEvent.newBuilder()
        .setExtension(extension)
        .setSeq(seq)
        .setSequencedTime(now)
        .setEvent(event)
        .build();
    List<ExtensionEvent> recent = new ArrayList<>(previous == null ? List.of() : previous.getRecent());
    recent.add(sequenced);
    if (recent.size() > recentWindow) {
      recent = new ArrayList<>(recent.subList(recent.size() - recentWindow, recent.size()));
    }
    return ExtensionState.newBuilder()
        .setExtension(extension)
        .setSeq(seq)
        .setLatest(sequenced)
        .setRecent(recent)
        .build();
  }
}
