package com.callcentre.events.streams.topology;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.CallSummary;
import com.callcentre.events.avro.CallTracking;
import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.avro.ExtensionState;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.registry.SubjectNames;
import com.callcentre.events.schemas.topics.Topics;
import com.callcentre.events.streams.calls.CallCorrelator;
import com.callcentre.events.streams.sequencing.ExtensionSequencer;
import com.callcentre.events.streams.sequencing.internal.SequenceSerde;
import com.callcentre.events.streams.topology.internal.EncodedEvent;
import com.callcentre.events.streams.topology.internal.EncodedEventSerde;
import com.callcentre.events.streams.topology.internal.InMemoryStores;
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
import org.apache.kafka.streams.state.Stores;

/**
 * The sequencing topology, built here and nowhere else so tests drive exactly what runs:
 *
 * <pre>
 *   call-events.switch.v1 ┐
 *   call-events.dialer.v1 ┴─ merge ─ sequence per extension ─ extension-events.v1
 *                           (drop repeated uuids)
 * </pre>
 *
 * It is on every event's way to a screen, so it writes as little as it can in each of its
 * transactions: the sequenced event, and the two small store updates (the extension's sequence
 * number, the uuid just seen). What is derived from the sequenced events, the compacted state and
 * the call summaries, is {@link DerivedOutputsTopology}'s, which runs as an application of its own
 * with a longer commit interval. Written in the same transactions, those outputs more than doubled
 * the partitions every 20 ms commit had to flush and mark; apart, the pipeline's ingest-to-sequenced
 * p99 fell from 53–182 ms to 32–47 ms (docs/benchmarks.md, #11, eighth round).
 */
public final class CallEventTopology {
  private CallEventTopology() {}

  public static Topology build(TopologySettings settings, SchemaRegistryClient registry, MeterRegistry metrics) {
    var callEvents = Topics.SWITCH_EVENTS.valueSerde(registry);
    var encodedEvents = new EncodedEventSerde(registry);

    StreamsBuilder builder = new StreamsBuilder();
    // In memory: one entry per extension, and RocksDB's get and put were a third of the
    // sequencer's work on a backlog (docs/benchmarks.md, #11, ninth round).
    builder.addStateStore(InMemoryStores.keyValue(ExtensionSequencer.SEQUENCE_STORE, Serdes.String(), new SequenceSerde(registry)));
    builder.addStateStore(Stores.windowStoreBuilder(
        Stores.persistentWindowStore(ExtensionSequencer.SEEN_STORE, settings.dedupeWindow().multipliedBy(2),
            settings.dedupeWindow(), false),
        Serdes.String(), Serdes.Long()));

    KStream<String, CallEvent> events = builder.stream(
        List.of(Topics.SWITCH_EVENTS.name(), Topics.DIALER_EVENTS.name()),
        Consumed.with(Serdes.String(), callEvents).withName("call-events"));

    events.process(() -> new ExtensionSequencer(settings.dedupeWindow(), metrics),
            Named.as("sequence-per-extension"), ExtensionSequencer.SEQUENCE_STORE, ExtensionSequencer.SEEN_STORE)
        .mapValues(EncodedEvent::new, Named.as("encode"))
        .to(Topics.EXTENSION_EVENTS.name(), Produced.with(Serdes.String(), encodedEvents).withName("extension-events"));

    return builder.build();
  }

  /**
   * Every subject the streams-app writes Avro values under, with its schema: the three output
   * topics, the derived application's repartition by call and its call store's changelog.
   * Registered at start-up, they are in the registry client's cache before the first record, so
   * processing never waits for the registry: a schema first needed while the registry was
   * unreachable held the stream thread, and with it every extension, until the registry answered
   * (found by the registry-outage fault test).
   *
   * @param derivedApplicationId the application id of {@link DerivedOutputsTopology}'s streams,
   *                             which prefixes its internal topics
   */
  public static Map<String, Schema> writtenSubjects(String derivedApplicationId) {
    Map<String, Schema> subjects = new LinkedHashMap<>();
    subjects.put(Topics.EXTENSION_EVENTS.name(), ExtensionEvent.getClassSchema());
    subjects.put(Topics.EXTENSION_STATE.name(), ExtensionState.getClassSchema());
    subjects.put(Topics.CALL_SUMMARIES.name(), CallSummary.getClassSchema());
    subjects.put(derivedApplicationId + "-" + DerivedOutputsTopology.BY_CALL + "-repartition", ExtensionEvent.getClassSchema());
    subjects.put(derivedApplicationId + "-" + CallCorrelator.STORE + "-changelog", CallTracking.getClassSchema());
    Map<String, Schema> bySubject = new LinkedHashMap<>();
    subjects.forEach((topic, schema) -> bySubject.put(SubjectNames.topicNameStrategy(topic, false), schema));
    return bySubject;
  }
}
