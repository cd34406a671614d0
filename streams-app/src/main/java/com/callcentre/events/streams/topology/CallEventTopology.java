package com.callcentre.events.streams.topology;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.CallSummary;
import com.callcentre.events.avro.CallTracking;
import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.avro.ExtensionState;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.registry.SubjectNames;
import com.callcentre.events.schemas.serde.AvroSerde;
import com.callcentre.events.schemas.topics.Topics;
import com.callcentre.events.streams.calls.CallCorrelator;
import com.callcentre.events.streams.calls.CallSummaries;
import com.callcentre.events.streams.sequencing.ExtensionSequencer;
import com.callcentre.events.streams.sequencing.internal.SequenceSerde;
import com.callcentre.events.streams.topology.internal.EncodedEvent;
import com.callcentre.events.streams.topology.internal.EncodedEventSerde;
import com.callcentre.events.streams.topology.internal.LatestStateSerde;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The streams-app topology, built here and nowhere else so tests drive exactly what runs:
 *
 * <pre>
 *   call-events.switch.v1 ┐
 *   call-events.dialer.v1 ┴─ merge ─ sequence per extension ─┬─ extension-events.v1
 *                           (drop repeated uuids)            ├─ latest only ─ extension-state.v1
 *                                                            └─ re-key by call ─ correlate ─ call-summaries.v1
 * </pre>
 *
 * Each input event is written once to each output: the state record carries only the latest event
 * (what compaction must keep), not the recent window, which the edges keep from
 * {@code extension-events.v1}. The sequenced event is Avro-encoded once; the state record and the
 * repartition are framed around that encoding.
 */
public final class CallEventTopology {
  private CallEventTopology() {}

  public static Topology build(TopologySettings settings, SchemaRegistryClient registry, MeterRegistry metrics) {
    var callEvents = Topics.SWITCH_EVENTS.valueSerde(registry);
    var latestState = new LatestStateSerde(registry);
    var encodedEvents = new EncodedEventSerde(registry);
    var summarySerde = Topics.CALL_SUMMARIES.valueSerde(registry);
    var trackingSerde = new AvroSerde<>(registry, CallTracking.class, false);

    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(ExtensionSequencer.SEQUENCE_STORE), Serdes.String(), new SequenceSerde(registry)));
    builder.addStateStore(Stores.windowStoreBuilder(
        Stores.persistentWindowStore(ExtensionSequencer.SEEN_STORE, settings.dedupeWindow().multipliedBy(2),
            settings.dedupeWindow(), false),
        Serdes.String(), Serdes.Long()));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(CallCorrelator.STORE), Serdes.String(), trackingSerde));

    KStream<String, CallEvent> events = builder.stream(
        List.of(Topics.SWITCH_EVENTS.name(), Topics.DIALER_EVENTS.name()),
        Consumed.with(Serdes.String(), callEvents).withName("call-events"));

    KStream<String, ExtensionEvent> sequenced = events.process(
        () -> new ExtensionSequencer(settings.dedupeWindow(), metrics),
        Named.as("sequence-per-extension"), ExtensionSequencer.SEQUENCE_STORE, ExtensionSequencer.SEEN_STORE);

    // Encoded once, written three times (see EncodedEvent).
    KStream<String, EncodedEvent> encoded = sequenced.mapValues(EncodedEvent::new, Named.as("encode-once"));
    encoded.to(Topics.EXTENSION_EVENTS.name(), Produced.with(Serdes.String(), encodedEvents).withName("extension-events"));
    encoded.to(Topics.EXTENSION_STATE.name(), Produced.with(Serdes.String(), latestState).withName("extension-state"));

    encoded
        .filter((ext, e) -> CallSummaries.callKey(e.event().getEvent()).isPresent(), Named.as("has-call-key"))
        .selectKey((ext, e) -> CallSummaries.callKey(e.event().getEvent()).orElseThrow(), Named.as("key-by-call"))
        .repartition(Repartitioned.<String, EncodedEvent>as(BY_CALL).withKeySerde(Serdes.String()).withValueSerde(encodedEvents))
        .mapValues(EncodedEvent::event, Named.as("decoded-by-call"))
        .process(() -> new CallCorrelator(settings.callTimeout(), settings.callSweepInterval()),
            Named.as("correlate-calls"), CallCorrelator.STORE)
        .to(Topics.CALL_SUMMARIES.name(), Produced.<String, CallSummary>with(Serdes.String(), summarySerde).withName("call-summaries"));

    return builder.build();
  }

  /** The repartition by call: Streams names its topic {@code <application id>-by-call-repartition}. */
  static final String BY_CALL = "by-call";

  /**
   * Every subject the topology writes Avro values under, with its schema: the three output topics,
   * the repartition by call and the call store's changelog. Registered at start-up, they are in the
   * registry client's cache before the first record, so processing never waits for the registry: a
   * schema first needed while the registry was unreachable held the stream thread, and with it every
   * extension, until the registry answered (found by the registry-outage fault test).
   */
  public static Map<String, Schema> writtenSubjects(String applicationId) {
    Map<String, Schema> subjects = new LinkedHashMap<>();
    subjects.put(Topics.EXTENSION_EVENTS.name(), ExtensionEvent.getClassSchema());
    subjects.put(Topics.EXTENSION_STATE.name(), ExtensionState.getClassSchema());
    subjects.put(Topics.CALL_SUMMARIES.name(), CallSummary.getClassSchema());
    subjects.put(applicationId + "-" + BY_CALL + "-repartition", ExtensionEvent.getClassSchema());
    subjects.put(applicationId + "-" + CallCorrelator.STORE + "-changelog", CallTracking.getClassSchema());
    Map<String, Schema> bySubject = new LinkedHashMap<>();
    subjects.forEach((topic, schema) -> bySubject.put(SubjectNames.topicNameStrategy(topic, false), schema));
    return bySubject;
  }

  /** The compacted state record: the extension's latest event and its sequence; no window. */
  public static ExtensionState latestOnly(ExtensionEvent latest) {
    return new ExtensionState(latest.getExtension(), latest.getSeq(), latest, List.of());
  }
}
