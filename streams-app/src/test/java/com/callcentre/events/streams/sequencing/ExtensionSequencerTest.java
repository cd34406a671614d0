package com.callcentre.events.streams.sequencing;

import static org.assertj.core.api.Assertions.assertThat;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.EventSource;
import com.callcentre.events.avro.ExtensionEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sequencer on stores that already hold data, as after a restart or a task moving here: what
 * the restored stores say must decide, whatever the sequencer keeps in memory.
 */
class ExtensionSequencerTest {
  private static final Duration WINDOW = Duration.ofHours(1);
  private static final Instant T0 = Instant.parse("2026-11-23T10:02:00Z");

  private final MockProcessorContext<String, ExtensionEvent> context = new MockProcessorContext<>();
  private WindowStore<String, Long> seen;
  private KeyValueStore<String, Long> sequences;

  @BeforeEach
  void stores() {
    seen = Stores.windowStoreBuilder(Stores.inMemoryWindowStore(ExtensionSequencer.SEEN_STORE, WINDOW.multipliedBy(2), WINDOW, false),
        Serdes.String(), Serdes.Long()).withLoggingDisabled().build();
    sequences = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ExtensionSequencer.SEQUENCE_STORE),
        Serdes.String(), Serdes.Long()).withLoggingDisabled().build();
    seen.init(context.getStateStoreContext(), seen);
    sequences.init(context.getStateStoreContext(), sequences);
    context.addStateStore(seen);
    context.addStateStore(sequences);
  }

  @Test
  void aUuidTheRestoredStoreHoldsIsDroppedAsARepeat() {
    String uuid = UUID.randomUUID().toString();
    long earlier = T0.toEpochMilli();
    seen.put(uuid, earlier, earlier);
    sequences.put("4567", 7L);
    ExtensionSequencer sequencer = started();

    sequencer.process(record(uuid, earlier + 30_000));
    sequencer.process(record(UUID.randomUUID().toString(), earlier + 31_000));

    assertThat(context.forwarded()).as("the repeat is dropped, the new event carries the sequence on")
        .extracting(f -> f.record().value().getSeq()).containsExactly(8L);
  }

  @Test
  void aUuidSeenOutsideTheWindowIsNotARepeat() {
    String uuid = UUID.randomUUID().toString();
    long earlier = T0.toEpochMilli();
    seen.put(uuid, earlier, earlier);
    ExtensionSequencer sequencer = started();

    sequencer.process(record(uuid, earlier + WINDOW.toMillis() + 1));

    assertThat(context.forwarded()).extracting(f -> f.record().value().getSeq()).containsExactly(1L);
  }

  @Test
  void aRepeatWithinTheWindowIsDroppedWhicheverWayTheClockMoved() {
    ExtensionSequencer sequencer = started();
    String uuid = UUID.randomUUID().toString();
    long at = T0.toEpochMilli();

    sequencer.process(record(uuid, at));
    sequencer.process(record(uuid, at + 60_000));
    sequencer.process(record(uuid, at - 60_000));

    assertThat(context.forwarded()).hasSize(1);
  }

  private ExtensionSequencer started() {
    ExtensionSequencer sequencer = new ExtensionSequencer(WINDOW, new SimpleMeterRegistry());
    sequencer.init(context);
    return sequencer;
  }

  private static Record<String, CallEvent> record(String uuid, long timestamp) {
    Instant at = Instant.ofEpochMilli(timestamp);
    return new Record<>("4567", CallEvent.newBuilder().setEventUuid(uuid).setSource(EventSource.DIALER)
        .setEventNameS("C_CONNECTED").setConnectNum("4567").setEventTime(at).setIngestTime(at).build(), timestamp);
  }
}
