package com.callcentre.events.streams.topology.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.EventSource;
import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.avro.ExtensionState;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.serde.AvroSerializer;
import com.callcentre.events.streams.topology.DerivedOutputsTopology;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The framed-once encodings must be exactly what the generic serializer writes, for any event. */
class EncodedEventSerdesTest {
  private static final Instant T = Instant.parse("2026-11-24T09:00:00Z");

  private final SchemaRegistryClient registry = SchemaRegistryClient.forUrl("mock://encoded-" + UUID.randomUUID());
  private final EncodedEventSerde events = new EncodedEventSerde(registry);
  private final LatestStateSerde states = new LatestStateSerde(registry);

  static Stream<ExtensionEvent> events() {
    CallEvent bare = CallEvent.newBuilder().setEventUuid("u-1").setSource(EventSource.SWITCH).setEventNameS("C_DROP")
        .setConnectNum("4567").setEventTime(T).setIngestTime(T).build();
    CallEvent full = CallEvent.newBuilder(bare).setSource(EventSource.DIALER).setCallingNum("3035551212")
        .setCalledNum("4567").setVdn("4500").setUcid("00001002161490000001").setCallUniqueId("c-9").setCallId(77L)
        .setAgentId("agent-é").setSplit("12").setCause("normal").setAttributes(Map.of("campaign", "renewals", "k", ""))
        .build();
    return Stream.of(
        new ExtensionEvent("4567", 1L, T, bare),
        new ExtensionEvent("4567", 63L, T, full), // the largest one-byte varint
        new ExtensionEvent("4567", 64L, T, full), // the smallest two-byte one
        new ExtensionEvent("x".repeat(200), Long.MAX_VALUE, T.plusSeconds(1), full), // a two-byte string length
        new ExtensionEvent("分机-4567", 1_234_567_890_123L, T, full), // multi-byte UTF-8
        new ExtensionEvent("", 0L, Instant.EPOCH, bare));
  }

  @ParameterizedTest
  @MethodSource("events")
  void theStateRecordIsWhatTheGenericSerializerWritesAndReadsBackAsItsLatest(ExtensionEvent event) {
    byte[] framed = states.serializer().serialize("extension-state.v1", new EncodedEvent(event));

    byte[] generic = new AvroSerializer<ExtensionState>(registry, false)
        .serialize("extension-state.v1", DerivedOutputsTopology.latestOnly(event));
    assertThat(framed).isEqualTo(generic);
    assertThat(states.deserializer().deserialize("extension-state.v1", framed).event()).isEqualTo(event);
  }

  @ParameterizedTest
  @MethodSource("events")
  void theEventIsWhatTheGenericSerializerWritesUnderEachTopicsSubject(ExtensionEvent event) {
    EncodedEvent encoded = new EncodedEvent(event);
    for (String topic : new String[] {"extension-events.v1", "app-by-call-repartition"}) {
      byte[] framed = events.serializer().serialize(topic, encoded);

      assertThat(framed).isEqualTo(new AvroSerializer<ExtensionEvent>(registry, false).serialize(topic, event));
      assertThat(events.deserializer().deserialize(topic, framed).event()).isEqualTo(event);
    }
  }

  @Test
  void theEncodingIsMadeOnceAndSharedByEverySink() {
    EncodedEvent encoded = new EncodedEvent(events().findFirst().orElseThrow());
    assertThat(encoded.body()).isSameAs(encoded.body());
  }

  @Test
  void anEventAvroCannotWriteFailsAsASerializationErrorNamingIt() {
    EncodedEvent broken = new EncodedEvent(new ExtensionEvent("4567", 9L, T, null)); // no call event
    assertThatThrownBy(() -> events.serializer().serialize("extension-events.v1", broken))
        .isInstanceOf(SerializationException.class).hasMessageContaining("4567 #9");
    assertThatThrownBy(() -> states.serializer().serialize("extension-state.v1", broken))
        .isInstanceOf(SerializationException.class);
  }

  @Test
  void nullsPassThroughAndBadBytesFailClearly() {
    assertThat(states.serializer().serialize("extension-state.v1", null)).isNull();
    assertThat(events.serializer().serialize("extension-events.v1", null)).isNull();
    assertThat(states.deserializer().deserialize("extension-state.v1", null)).isNull();
    assertThat(events.deserializer().deserialize("extension-events.v1", null)).isNull();
    assertThatThrownBy(() -> events.deserializer().deserialize("extension-events.v1", new byte[] {1, 2, 3}))
        .isInstanceOf(SerializationException.class);
  }
}
