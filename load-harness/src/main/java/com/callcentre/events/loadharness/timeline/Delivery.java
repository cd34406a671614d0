package com.callcentre.events.loadharness.timeline;

/**
 * One sequenced event as {@code extension-events.v1} holds it, with its times in epoch ms: from the
 * source, at ingest, at sequencing, and when the transaction that wrote it committed ({@code -1}
 * when it was not written in a transaction).
 */
public record Delivery(long originMs, long ingestMs, long sequencedMs, long committedMs) {
  public long originToIngest() {
    return ingestMs - originMs;
  }

  public long ingestToSequenced() {
    return sequencedMs - ingestMs;
  }

  /** How long a read_committed reader (an edge) could not see the event after it was sequenced. */
  public long sequencedToCommitted() {
    return committedMs < 0 ? 0 : committedMs - sequencedMs;
  }

  public long ingestToCommitted() {
    return ingestToSequenced() + sequencedToCommitted();
  }
}
