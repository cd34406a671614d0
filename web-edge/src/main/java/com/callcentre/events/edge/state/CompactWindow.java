package com.callcentre.events.edge.state;

import com.callcentre.events.avro.ExtensionEvent;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.Function;

/**
 * An extension's recent events, oldest first, kept as the Avro bytes Kafka delivered them in and
 * decoded only when a subscriber is caught up across them. As objects, an event of a window took
 * about 1.5 KB of the edge's heap against ~150 bytes on the wire, and 10,000 extensions with full
 * windows of 32 came to most of an edge's 512 MB (docs/benchmarks.md, #11 fourth round).
 *
 * <p>The newest event stays an object as well: it is every extension's latest, which the edge
 * holds decoded anyway, and it is what a live subscriber is sent, so the fan-out never decodes.
 * An event that came without its bytes (a test, or a window inside an old state record) is kept
 * as the object. Immutable: a new event makes a new window, sharing the old one's entries.
 */
public final class CompactWindow extends AbstractList<ExtensionEvent> implements RandomAccess {
  private static final CompactWindow EMPTY = new CompactWindow(new long[0], new Object[0], null, null);

  private final long[] seqs;
  /** Per event: its bytes (byte[]) or, when none came with it, the event itself. */
  private final Object[] entries;
  private final ExtensionEvent newest;
  private final Function<byte[], ExtensionEvent> decoder;

  private CompactWindow(long[] seqs, Object[] entries, ExtensionEvent newest, Function<byte[], ExtensionEvent> decoder) {
    this.seqs = seqs;
    this.entries = entries;
    this.newest = newest;
    this.decoder = decoder;
  }

  /** A window as it is, or these events as they are, with no bytes to keep instead. */
  public static CompactWindow of(List<ExtensionEvent> events) {
    if (events instanceof CompactWindow window) {
      return window;
    }
    CompactWindow window = EMPTY;
    for (ExtensionEvent e : events) {
      window = window.append(e, null, null, Integer.MAX_VALUE);
    }
    return window;
  }

  /**
   * This window with {@code event} after its newest, keeping at most {@code size} events.
   *
   * @param encoded the event's bytes as {@code decoder} reads them, or null to keep the object
   */
  public CompactWindow append(ExtensionEvent event, byte[] encoded, Function<byte[], ExtensionEvent> decoder, int size) {
    int keep = Math.min(seqs.length, size - 1);
    int from = seqs.length - keep;
    long[] nextSeqs = new long[keep + 1];
    Object[] nextEntries = new Object[keep + 1];
    System.arraycopy(seqs, from, nextSeqs, 0, keep);
    System.arraycopy(entries, from, nextEntries, 0, keep);
    nextSeqs[keep] = event.getSeq();
    nextEntries[keep] = encoded != null ? encoded : event;
    return new CompactWindow(nextSeqs, nextEntries, event, encoded != null ? decoder : this.decoder);
  }

  /** The sequence of the i-th event, without decoding it. */
  public long seq(int i) {
    return seqs[i];
  }

  /**
   * The events after {@code seq}, oldest first: a view that decodes each event as it is read, so
   * a long-poll answered with the first of them decodes that one only.
   */
  public List<ExtensionEvent> after(long seq) {
    int first = seqs.length;
    while (first > 0 && seqs[first - 1] > seq) {
      first--;
    }
    return subList(first, seqs.length);
  }

  @Override
  public ExtensionEvent get(int i) {
    Objects.checkIndex(i, entries.length);
    if (i == entries.length - 1) {
      return newest;
    }
    Object entry = entries[i];
    return entry instanceof ExtensionEvent event ? event : decoder.apply((byte[]) entry);
  }

  @Override
  public int size() {
    return entries.length;
  }
}
