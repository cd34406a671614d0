package com.callcentre.events.dialer;

import static org.assertj.core.api.Assertions.assertThat;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.EventSource;
import com.callcentre.events.dialer.intake.DialerMessageParser;
import com.callcentre.events.dialer.intake.IntakeLimits;
import com.callcentre.events.dialer.intake.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DialerMessageParserTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:02:00Z");
  private final DialerMessageParser parser = new DialerMessageParser(
      new IntakeLimits(512, 6, 40, Pattern.compile("[0-9]{2,15}"), 10));

  private Verdict parse(String json) {
    return parser.parse(json.getBytes(StandardCharsets.UTF_8), NOW);
  }

  /** Byte for byte what the VB.NET injector writes: "key" : "value" pairs joined by commas. */
  @Test
  void theInjectorsMessageBecomesADialerCallEvent() {
    Verdict verdict = parse("{\"connect_num\" : \"4567\",\"event_name_s\" : \"C_CONNECTED\","
        + "\"calling_num\" : \"3035551212\",\"vdn\" : \"4500\",\"campaign\" : \"renewals\"}");

    assertThat(verdict).isInstanceOf(Verdict.Valid.class);
    CallEvent event = ((Verdict.Valid) verdict).event();
    assertThat(event.getSource()).isEqualTo(EventSource.DIALER);
    assertThat(event.getConnectNum()).isEqualTo("4567");
    assertThat(event.getEventNameS()).isEqualTo("C_CONNECTED");
    assertThat(event.getCallingNum()).isEqualTo("3035551212");
    assertThat(event.getVdn()).isEqualTo("4500");
    assertThat(event.getAttributes()).containsExactly(java.util.Map.entry("campaign", "renewals"));
    assertThat(event.getEventTime()).isEqualTo(NOW);
    assertThat(event.getIngestTime()).isEqualTo(NOW);
    // made here when the message names none: version 7, in time order (see EventUuids)
    assertThat(java.util.UUID.fromString(event.getEventUuid()).version()).isEqualTo(7);
  }

  @Test
  void typedKeysAreParsedAndAClientsOwnUuidIsKeptForIdempotentResends() {
    CallEvent event = ((Verdict.Valid) parse("{\"connect_num\":\"4567\",\"event_time\":\"1700000000000\","
        + "\"call_id\":\"88\",\"event_uuid\":\"6f1c2a9e-52f1-4a43-9e07-2b1c4a5e0a11\"}")).event();

    assertThat(event.getEventTime()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
    assertThat(event.getCallId()).isEqualTo(88L);
    assertThat(event.getEventUuid()).isEqualTo("6f1c2a9e-52f1-4a43-9e07-2b1c4a5e0a11");
    assertThat(event.getEventNameS()).isEqualTo(DialerMessageParser.DEFAULT_EVENT_NAME);
  }

  @Test
  void everyKindOfBadInputIsRefusedWithItsOwnReason() {
    assertReason("{\"connect_num\" : \"4567\"", "malformed_json");
    assertReason("[\"4567\"]", "not_an_object");
    assertReason("{\"event_name_s\":\"C_CONNECTED\"}", "missing_connect_num");
    assertReason("{\"connect_num\":\"\"}", "missing_connect_num");
    assertReason("{\"connect_num\":\"45x7\"}", "invalid_extension");
    assertReason("{\"connect_num\":4567}", "non_string_value");
    assertReason("{\"connect_num\":\"4567\",\"extra\":{\"nested\":\"x\"}}", "non_string_value");
    assertReason("{\"connect_num\":\"4567\",\"a\":\"1\",\"b\":\"1\",\"c\":\"1\",\"d\":\"1\",\"e\":\"1\",\"f\":\"1\"}", "too_many_keys");
    assertReason("{\"connect_num\":\"4567\",\"note\":\"" + "x".repeat(41) + "\"}", "value_too_long");
    assertReason("{\"connect_num\":\"4567\",\"pad\":\"" + "x".repeat(30) + "\"" + ",\"p2\":\"" + "y".repeat(40) + "\""
        + ",\"p3\":\"" + "z".repeat(40) + "\",\"p4\":\"" + "w".repeat(40) + "\",\"p5\":\"" + "v".repeat(40) + "\"}"
        + " ".repeat(300), "too_large");
    assertReason("{\"connect_num\":\"4567\",\"connect_num\":\"4568\"}", "malformed_json");
    assertReason("{\"connect_num\":\"4567\",\"event_time\":\"yesterday\"}", "invalid_event_time");
    assertReason("{\"connect_num\":\"4567\",\"event_time\":\"+999999999-12-31T23:59:59Z\"}", "invalid_event_time");
    assertReason("{\"connect_num\":\"4567\",\"call_id\":\"abc\"}", "invalid_call_id");
    assertReason("{\"connect_num\":\"4567\",\"event_uuid\":\"not-a-uuid\"}", "invalid_event_uuid");
  }

  @Test
  void bytesThatAreNotUtf8AreRefused() {
    byte[] latin1 = "{\"connect_num\":\"4567\",\"name\":\"Jos\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

    assertThat(parser.parse(latin1, NOW)).isEqualTo(new Verdict.Invalid("not_utf8", "message is not valid UTF-8"));
  }

  private void assertReason(String json, String reason) {
    Verdict verdict = parse(json);
    assertThat(verdict).as(json).isInstanceOf(Verdict.Invalid.class);
    assertThat(((Verdict.Invalid) verdict).reason()).as(json).isEqualTo(reason);
  }
}
