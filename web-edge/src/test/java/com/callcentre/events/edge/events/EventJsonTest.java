package com.callcentre.events.edge.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.EventSource;
import com.callcentre.events.avro.ExtensionEvent;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The text written per subscriber must be exactly what the map form encodes to, for any event. */
class EventJsonTest {
  private static final Instant T = Instant.parse("2026-11-24T10:00:00.123Z");
  /** Characters JSON must escape or that encoders treat differently: quotes, controls, non-ASCII, line separators. */
  private static final String TRICKY = "a\"\\/\b\f\n\r\t\u0000\u001f\u007fé分\u2028\u2029😀 ";

  @AfterEach
  void timingOff() {
    EventJson.includeTimingFields(false);
  }

  static Stream<ExtensionEvent> events() {
    List<ExtensionEvent> events = new ArrayList<>();
    CallEvent bare = CallEvent.newBuilder().setEventUuid("u-1").setSource(EventSource.SWITCH).setEventNameS("C_DROP")
        .setConnectNum("4567").setEventTime(T).setIngestTime(T).build();
    events.add(new ExtensionEvent("4567", 1L, T, bare));
    CallEvent full = CallEvent.newBuilder(bare).setSource(EventSource.DIALER).setCallingNum("3035551212")
        .setCalledNum("4567").setVdn("4500").setUcid("00001002161490000001").setCallUniqueId("c-9").setCallId(77L)
        .setAgentId("agent-1").setSplit("12").setCause("normal")
        .setAttributes(new LinkedHashMap<>(Map.of("campaign", "renewals", "list", ""))).build();
    events.add(new ExtensionEvent("4567", Long.MAX_VALUE, T, full));
    // attributes named like typed fields: the map form keeps the attribute's place with the typed value
    events.add(new ExtensionEvent("4567", 3L, T, CallEvent.newBuilder(bare)
        .setAttributes(new LinkedHashMap<>(Map.of("vdn", "from-dialer", "event_id", "x"))).build()));
    events.add(new ExtensionEvent("4567", 4L, T, CallEvent.newBuilder(full)
        .setAttributes(new LinkedHashMap<>(Map.of("vdn", "shadowed", "zone", "eu"))).build()));
    Random random = new Random(20261124);
    for (int i = 0; i < 300; i++) {
      Map<String, String> attributes = new LinkedHashMap<>();
      for (int a = random.nextInt(4); a > 0; a--) {
        attributes.put(text(random), text(random));
      }
      events.add(new ExtensionEvent(text(random), random.nextLong(), T.plusMillis(random.nextInt()), CallEvent.newBuilder()
          .setEventUuid(text(random)).setSource(random.nextBoolean() ? EventSource.SWITCH : EventSource.DIALER)
          .setEventNameS(text(random)).setConnectNum(text(random))
          .setCallingNum(random.nextBoolean() ? text(random) : null).setVdn(random.nextBoolean() ? text(random) : null)
          .setCallId(random.nextBoolean() ? random.nextLong() : null).setCause(random.nextBoolean() ? text(random) : null)
          .setEventTime(T.minusMillis(random.nextInt(1_000_000))).setIngestTime(T).setAttributes(attributes).build()));
    }
    return events.stream();
  }

  private static String text(Random random) {
    StringBuilder s = new StringBuilder();
    for (int n = random.nextInt(12); n > 0; n--) {
      s.appendCodePoint(TRICKY.codePointAt(TRICKY.offsetByCodePoints(0, random.nextInt(TRICKY.codePointCount(0, TRICKY.length())))));
    }
    return s.toString();
  }

  @ParameterizedTest
  @MethodSource("events")
  void theWrittenTextIsWhatTheMapFormEncodesTo(ExtensionEvent event) {
    assertThat(EventJson.encode(event).getBytes()).isEqualTo(EventJson.of(event).encode().getBytes(StandardCharsets.UTF_8));
    assertThat(EventJson.encodeMessage(event)).isEqualTo(EventJson.message(event).encode());
    assertThat(new JsonObject(EventJson.encode(event))).isEqualTo(EventJson.of(event));
  }

  @Test
  void withTimingFieldsTheyComeLastAndOnlyTheWriteTimeDiffers() {
    EventJson.includeTimingFields(true);
    events().limit(20).forEach(event -> {
      JsonObject written = new JsonObject(EventJson.encode(event));
      JsonObject mapped = EventJson.of(event);
      assertThat(List.copyOf(written.fieldNames())).isEqualTo(List.copyOf(mapped.fieldNames()));
      assertThat(List.copyOf(written.fieldNames())).endsWith("sequenced_time", "edge_time");
      assertThat(Instant.parse(written.getString("edge_time"))).isAfterOrEqualTo(T.minusSeconds(1));
      written.remove("edge_time");
      mapped.remove("edge_time");
      assertThat(written).isEqualTo(mapped);
      assertThat(new JsonObject(EventJson.encodeMessage(event)).getJsonObject("event").fieldNames()).contains("edge_time");
    });
  }
}
