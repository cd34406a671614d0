package com.callcentre.events.dialer.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.dialer.intake.DialerMessageParser;
import com.callcentre.events.dialer.intake.IntakeLimits;
import com.callcentre.events.dialer.intake.Verdict;
import com.callcentre.events.schemas.registry.InMemorySchemaRegistry;
import com.callcentre.events.schemas.serde.AvroSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;

/**
 * Generated dialer messages against the parser: whatever arrives, the verdict is a call event that
 * can be published or a refusal with one of the documented reasons, never an exception; and every
 * well-formed message is accepted with its fields intact. The counts per verdict are printed.
 */
class DialerMessageFuzzTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:02:00Z");
  private static final Set<String> REASONS = Set.of("too_large", "not_utf8", "malformed_json", "not_an_object",
      "too_many_keys", "non_string_value", "value_too_long", "missing_connect_num", "invalid_extension",
      "invalid_event_time", "invalid_call_id", "invalid_event_uuid");

  private final DialerMessageParser parser = new DialerMessageParser(IntakeLimits.defaults());
  private final AvroSerializer<CallEvent> serializer =
      new AvroSerializer<>(InMemorySchemaRegistry.scope("dialer-fuzz"), false);

  @Property
  void anyBytesGetAVerdictNeverAnException(@ForAll("anyPayload") byte[] payload) {
    Verdict verdict = parser.parse(payload, NOW);
    Statistics.collect(label(verdict));
    assertWellFormed(verdict);
  }

  @Property
  void everyWellFormedMessageIsAcceptedWithItsFields(@ForAll("wellFormed") Map<String, String> message) {
    Verdict verdict = parser.parse(DialerMessages.json(message).getBytes(StandardCharsets.UTF_8), NOW);
    assertThat(verdict).as("verdict on %s", message).isInstanceOf(Verdict.Valid.class);
    CallEvent event = ((Verdict.Valid) verdict).event();
    assertThat(event.getConnectNum()).isEqualTo(message.get("connect_num"));
    assertThat(event.getEventNameS()).isEqualTo(message.getOrDefault("event_name_s", DialerMessageParser.DEFAULT_EVENT_NAME));
    message.forEach((key, value) -> {
      if (key.startsWith("x_")) {
        assertThat(event.getAttributes()).containsEntry(key, value);
      }
    });
    assertThat(serializer.serialize("dialer-fuzz", event)).isNotEmpty();
  }

  private void assertWellFormed(Verdict verdict) {
    switch (verdict) {
      case Verdict.Valid valid -> {
        CallEvent event = valid.event();
        assertThat(event.getConnectNum()).matches(IntakeLimits.defaults().extensionPattern());
        assertThat(UUID.fromString(event.getEventUuid())).isNotNull();
        // accepted means publishable: the Avro encoding must not fail later, after the reply
        assertThat(serializer.serialize("dialer-fuzz", event)).isNotEmpty();
      }
      case Verdict.Invalid invalid -> {
        assertThat(REASONS).as("reason").contains(invalid.reason());
        assertThat(invalid.detail()).isNotBlank();
      }
    }
  }

  private static String label(Verdict verdict) {
    return verdict instanceof Verdict.Invalid invalid ? invalid.reason() : "accepted";
  }

  @Provide
  Arbitrary<byte[]> anyPayload() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, DialerMessages.jsonLike().map(s -> s.getBytes(StandardCharsets.UTF_8))),
        Tuple.of(2, DialerMessages.oddTypedValues().map(s -> s.getBytes(StandardCharsets.UTF_8))),
        Tuple.of(2, DialerMessages.corruptedUtf8()),
        Tuple.of(1, DialerMessages.deeplyNested().map(s -> s.getBytes(StandardCharsets.UTF_8))),
        Tuple.of(1, DialerMessages.duplicateKeys().map(s -> s.getBytes(StandardCharsets.UTF_8))),
        Tuple.of(1, DialerMessages.huge().map(s -> s.getBytes(StandardCharsets.UTF_8))),
        Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(2048)));
  }

  @Provide
  Arbitrary<Map<String, String>> wellFormed() {
    return DialerMessages.wellFormed();
  }
}
