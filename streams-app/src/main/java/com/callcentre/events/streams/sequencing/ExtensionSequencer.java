package com.callcentre.events.streams.sequencing;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.streams.sequencing.internal.SeenUuidFilter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The single place that orders events per extension: drops an event whose uuid was already seen
 * within the de-duplication window, gives the rest the extension's next sequence number, and
 * forwards the sequenced event. Records arrive per partition in log order, so the sequence is the
 * order in which the events reached Kafka.
 *
 * <p>The store keeps only each extension's last sequence number: that is all sequencing needs, and
 * the store's changelog is written once per event. The recent window lives in the edges, which
 * build it from {@code extension-events.v1}.
 */
public final class ExtensionSequencer implements Processor<String, CallEvent, String, ExtensionEvent> {
  /** Keeps its name from when it held the whole state record, so its changelog carries on. */
  public static final String SEQUENCE_STORE = "extension-state-store";
  public static final String SEEN_STORE = "seen-event-uuids";

  /** 1 Mi uuids (1.25 MiB) per generation of the in-memory filter. */
  private static final int FILTER_GENERATION = 1 << 20;

  private final Duration dedupeWindow;
  private final Counter sequenced;
  private final Counter duplicates;
  private final Timer lag;
  private ProcessorContext<String, ExtensionEvent> context;
  private KeyValueStore<String, Long> sequences;
  private WindowStore<String, Long> seen;
  private SeenUuidFilter seenFilter;

  public ExtensionSequencer(Duration dedupeWindow, MeterRegistry metrics) {
    this.dedupeWindow = dedupeWindow;
    this.sequenced = Counter.builder("streams_events_sequenced").description("Events given a sequence number").register(metrics);
    this.duplicates = Counter.builder("streams_events_duplicate").description("Events dropped as repeats of an earlier uuid").register(metrics);
    this.lag = Timer.builder("streams_ingest_to_sequence_latency")
        .description("From the ingest service receiving an event to it being sequenced (end-to-end lag so far)")
        .publishPercentileHistogram().register(metrics);
  }

  @Override
  public void init(ProcessorContext<String, ExtensionEvent> context) {
    this.context = context;
    this.sequences = context.getStateStore(SEQUENCE_STORE);
    this.seen = context.getStateStore(SEEN_STORE);
    // The store keeps uuids for twice the window; so does the filter, loaded from what the store
    // holds (restored from its changelog when the task moved here) before the first record.
    this.seenFilter = new SeenUuidFilter(FILTER_GENERATION, 2 * dedupeWindow.toMillis());
    try (KeyValueIterator<Windowed<String>, Long> all = seen.all()) {
      while (all.hasNext()) {
        Windowed<String> uuid = all.next().key;
        seenFilter.add(uuid.key(), uuid.window().start());
      }
    }
  }

  @Override
  public void process(Record<String, CallEvent> record) {
    CallEvent event = record.value();
    if (event == null || record.key() == null) {
      return;
    }
    String uuid = event.getEventUuid();
    SeenUuidFilter.Hashed hashed = SeenUuidFilter.hash(uuid);
    long ts = record.timestamp();
    if (seenBefore(uuid, hashed, ts)) {
      duplicates.increment();
      return;
    }
    seen.put(uuid, ts, ts);
    seenFilter.add(hashed, ts);
    Instant now = Instant.now();
    Long previous = sequences.get(record.key());
    long seq = previous == null ? 1 : previous + 1;
    sequences.put(record.key(), seq);
    sequenced.increment();
    lag.record(Duration.between(event.getIngestTime(), now).abs());
    context.forward(record.withValue(new ExtensionEvent(record.key(), seq, now, event)));
  }

  /** The filter rules out almost every new uuid; the store answers the rest. */
  private boolean seenBefore(String uuid, SeenUuidFilter.Hashed hashed, long ts) {
    long window = dedupeWindow.toMillis();
    long from = Math.max(0, ts - window);
    if (!seenFilter.mightContain(hashed, from, ts + window)) {
      return false;
    }
    // the long-typed fetch: the Instant one builds an error-message prefix on every call (5 % of the thread)
    try (WindowStoreIterator<Long> hits = seen.fetch(uuid, from, ts + window)) {
      return hits.hasNext();
    }
  }
}
