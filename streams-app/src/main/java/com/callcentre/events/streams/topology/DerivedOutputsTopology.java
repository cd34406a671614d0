package com.callcentre.events.streams.topology;

import com.callcentre.events.avro.CallSummary;
import com.callcentre.events.avro.CallTracking;
import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.avro.ExtensionState;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.serde.AvroSerde;
import com.callcentre.events.schemas.topics.Topics;
import com.callcentre.events.streams.calls.CallCorrelator;
import com.callcentre.events.streams.calls.CallSummaries;
import com.callcentre.events.streams.topology.internal.EncodedEvent;
import com.callcentre.events.streams.topology.internal.EncodedEventSerde;
import com.callcentre.events.streams.topology.internal.InMemoryStores;
import com.callcentre.events.streams.topology.internal.LatestStateSerde;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * What is derived from the sequenced events, off the screens' path:
 *
 * <pre>
 *   extension-events.v1 ─┬─ latest only ─ extension-state.v1
 *                        └─ re-key by call ─ correlate ─ call-summaries.v1
 * </pre>
 *
 * It reads {@code extension-events.v1} as any read_committed consumer does, and runs as an
 * application of its own (its own consumer group, transactions and commit interval), so that its
 * writes are not part of every sequencing commit. Exactly-once here too: a crash neither repeats
 * nor loses a state record or a summary. The state record carries only the latest event (what
 * compaction must keep), not the recent window, which the edges keep from
 * {@code extension-events.v1}; it is framed around the event's encoding, which the repartition
 * reuses.
 */
public final class DerivedOutputsTopology {
  private DerivedOutputsTopology() {}

  /** The repartition by call: Streams names its topic {@code <application id>-by-call-repartition}. */
  static final String BY_CALL = "by-call";

  public static Topology build(TopologySettings settings, SchemaRegistryClient registry) {
    var encodedEvents = new EncodedEventSerde(registry);
    var trackingSerde = new AvroSerde<>(registry, CallTracking.class, false);

    StreamsBuilder builder = new StreamsBuilder();
    // In memory, restored from its changelog: it holds only the calls in progress, and RocksDB's
    // own get, put and delete were 56 % of the correlator's time on a backlog
    // (docs/benchmarks.md, #11, eighth round).
    builder.addStateStore(InMemoryStores.keyValue(CallCorrelator.STORE, Serdes.String(), trackingSerde));

    KStream<String, EncodedEvent> sequenced = builder.stream(Topics.EXTENSION_EVENTS.name(),
        Consumed.with(Serdes.String(), encodedEvents).withName("sequenced-events"));
    sequenced.to(Topics.EXTENSION_STATE.name(),
        Produced.with(Serdes.String(), new LatestStateSerde(registry)).withName("extension-state"));

    sequenced
        .filter((ext, e) -> CallSummaries.callKey(e.event().getEvent()).isPresent(), Named.as("has-call-key"))
        .selectKey((ext, e) -> CallSummaries.callKey(e.event().getEvent()).orElseThrow(), Named.as("key-by-call"))
        .repartition(Repartitioned.<String, EncodedEvent>as(BY_CALL).withKeySerde(Serdes.String()).withValueSerde(encodedEvents))
        .mapValues(EncodedEvent::event, Named.as("decoded-by-call"))
        .process(() -> new CallCorrelator(settings.callTimeout(), settings.callSweepInterval()),
            Named.as("correlate-calls"), CallCorrelator.STORE)
        .to(Topics.CALL_SUMMARIES.name(),
            Produced.<String, CallSummary>with(Serdes.String(), Topics.CALL_SUMMARIES.valueSerde(registry)).withName("call-summaries"));

    return builder.build();
  }

  /** The compacted state record: the extension's latest event and its sequence; no window. */
  public static ExtensionState latestOnly(ExtensionEvent latest) {
    return new ExtensionState(latest.getExtension(), latest.getSeq(), latest, List.of());
  }
}
