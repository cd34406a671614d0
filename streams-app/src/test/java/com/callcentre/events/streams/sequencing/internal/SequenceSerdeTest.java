package com.callcentre.events.streams.sequencing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.EventSource;
import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.avro.ExtensionState;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.serde.AvroSerializer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SequenceSerdeTest {
  private final SchemaRegistryClient registry = SchemaRegistryClient.forUrl("mock://sequence-" + UUID.randomUUID());
  private final SequenceSerde serde = new SequenceSerde(registry);

  @Test
  void aSequenceIsEightBytesAndReadsBack() {
    byte[] bytes = serde.serializer().serialize("changelog", 1_234_567_890_123L);
    assertThat(bytes).hasSize(8);
    assertThat(serde.deserializer().deserialize("changelog", bytes)).isEqualTo(1_234_567_890_123L);
    assertThat(serde.serializer().serialize("changelog", null)).isNull();
    assertThat(serde.deserializer().deserialize("changelog", null)).isNull();
  }

  @Test
  void aWholeStateRecordFromAnOlderStoreReadsAsItsSequence() {
    Instant t = Instant.parse("2026-11-24T09:00:00Z");
    CallEvent call = CallEvent.newBuilder().setEventUuid("u-1").setSource(EventSource.SWITCH).setEventNameS("C_DROP")
        .setConnectNum("4567").setEventTime(t).setIngestTime(t).build();
    ExtensionEvent latest = new ExtensionEvent("4567", 17L, t, call);
    byte[] legacy = new AvroSerializer<ExtensionState>(registry, false)
        .serialize("changelog", new ExtensionState("4567", 17L, latest, List.of(latest)));

    assertThat(legacy.length).isGreaterThan(8);
    assertThat(serde.deserializer().deserialize("changelog", legacy)).isEqualTo(17L);
  }

  @Test
  void bytesThatAreNeitherFailClearly() {
    assertThatThrownBy(() -> serde.deserializer().deserialize("changelog", new byte[] {1, 2, 3}))
        .isInstanceOf(RuntimeException.class);
  }
}
