package com.callcentre.events.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** Framing errors are caught before the registry is ever asked (it is unreachable here). */
class AvroDeserializerTest {
  private final AvroDeserializer<CallEvent> deserializer =
      new AvroDeserializer<>(SchemaRegistryClient.forUrl("http://127.0.0.1:9"), CallEvent.class);

  @Test
  void aTombstoneIsNull() {
    assertThat(deserializer.deserialize("t", null)).isNull();
  }

  @Test
  void aRecordWithoutTheMagicByteIsRefusedWithTheByteItFound() {
    byte[] json = "{\"connect_num\":\"4567\"}".getBytes();

    assertThatThrownBy(() -> deserializer.deserialize("call-events.dialer.v1", json))
        .isInstanceOf(SerializationException.class)
        .hasMessage("record on call-events.dialer.v1 starts with byte 0x7b, not the schema-registry magic byte 0x00");
  }

  @Test
  void aRecordTooShortForTheHeaderIsRefused() {
    assertThatThrownBy(() -> deserializer.deserialize("t", new byte[] {0, 0, 1}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("3 bytes, too short");
  }

  @Test
  void usingAnUnconfiguredSerializerFailsClearly() {
    assertThatThrownBy(() -> new AvroSerializer<CallEvent>().serialize("t", CallEvent.newBuilder()
        .setEventUuid("u").setSource(com.callcentre.events.avro.EventSource.SWITCH).setEventNameS("C_CONNECTED")
        .setConnectNum("4567").setEventTime(java.time.Instant.EPOCH).setIngestTime(java.time.Instant.EPOCH).build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("before configure()");
  }
}
