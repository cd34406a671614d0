package com.callcentre.events.dialer.intake;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.EventSource;
import com.callcentre.events.schemas.events.EventUuids;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns one dialer message, a flat JSON object of string keys and values exactly as the VB.NET
 * workstation injector writes it, into a call event, or says precisely why it cannot.
 *
 * <p>Keys with a typed field in {@code CallEvent} go there; every other key is kept verbatim in
 * {@code attributes}. A message may carry its own {@code event_uuid} (a UUID), so a client that
 * resends after a timeout does not create a duplicate: the streams-app drops repeats by it.
 */
public final class DialerMessageParser {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final Set<String> TYPED = Set.of("connect_num", "event_name_s", "calling_num", "called_num", "vdn",
      "call_unique_id", "ucid", "call_id", "agent_id", "split", "cause", "event_time", "event_uuid");
  /** Dialer messages without a name still reach the extension's screen under this one. */
  public static final String DEFAULT_EVENT_NAME = "DIALER_EVENT";

  private final IntakeLimits limits;

  public DialerMessageParser(IntakeLimits limits) {
    this.limits = limits;
  }

  public Verdict parse(byte[] payload, Instant receivedAt) {
    if (payload.length > limits.maxMessageBytes()) {
      return invalid("too_large", "message is " + payload.length + " bytes; the limit is " + limits.maxMessageBytes());
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(payload)).toString();
    } catch (CharacterCodingException e) {
      return invalid("not_utf8", "message is not valid UTF-8");
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return invalid("malformed_json", "message is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      return invalid("not_an_object", "message must be one JSON object of string keys and values");
    }
    return parseObject(root, receivedAt);
  }

  private Verdict parseObject(JsonNode root, Instant receivedAt) {
    if (root.size() > limits.maxKeys()) {
      return invalid("too_many_keys", "message has " + root.size() + " keys; the limit is " + limits.maxKeys());
    }
    Map<String, String> values = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!field.getValue().isTextual()) {
        return invalid("non_string_value", "value of '" + field.getKey() + "' must be a string, was "
            + field.getValue().getNodeType().name().toLowerCase(java.util.Locale.ROOT));
      }
      String value = field.getValue().asText();
      if (value.length() > limits.maxValueChars()) {
        return invalid("value_too_long", "value of '" + field.getKey() + "' has " + value.length()
            + " characters; the limit is " + limits.maxValueChars());
      }
      values.put(field.getKey(), value);
    }
    String extension = values.get("connect_num");
    if (extension == null || extension.isBlank()) {
      return invalid("missing_connect_num", "connect_num (the extension) is required");
    }
    if (!limits.extensionPattern().matcher(extension).matches()) {
      return invalid("invalid_extension", "connect_num '" + extension + "' does not match " + limits.extensionPattern().pattern());
    }
    Instant eventTime = receivedAt;
    if (values.containsKey("event_time")) {
      try {
        eventTime = parseTime(values.get("event_time"));
        // Avro's timestamp-millis: a time it cannot hold would fail at publishing, after the verdict
        eventTime.toEpochMilli();
      } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
        return invalid("invalid_event_time", "event_time must be ISO-8601 (2026-11-23T10:02:00Z) or epoch milliseconds");
      }
    }
    Long callId = null;
    if (values.containsKey("call_id")) {
      try {
        callId = Long.parseLong(values.get("call_id"));
      } catch (NumberFormatException e) {
        return invalid("invalid_call_id", "call_id must be a whole number");
      }
    }
    String eventUuid = values.get("event_uuid");
    if (eventUuid == null) {
      eventUuid = EventUuids.next();
    } else {
      try {
        eventUuid = UUID.fromString(eventUuid).toString();
      } catch (IllegalArgumentException e) {
        return invalid("invalid_event_uuid", "event_uuid must be a UUID");
      }
    }
    Map<String, String> attributes = new HashMap<>(values);
    attributes.keySet().removeAll(TYPED);
    CallEvent event = CallEvent.newBuilder()
        .setEventUuid(eventUuid)
        .setSource(EventSource.DIALER)
        .setEventNameS(values.getOrDefault("event_name_s", DEFAULT_EVENT_NAME))
        .setConnectNum(extension)
        .setCallingNum(values.get("calling_num"))
        .setCalledNum(values.get("called_num"))
        .setVdn(values.get("vdn"))
        .setCallUniqueId(values.get("call_unique_id"))
        .setUcid(values.get("ucid"))
        .setCallId(callId)
        .setAgentId(values.get("agent_id"))
        .setSplit(values.get("split"))
        .setCause(values.get("cause"))
        .setEventTime(eventTime)
        .setIngestTime(receivedAt)
        .setAttributes(attributes)
        .build();
    return new Verdict.Valid(event);
  }

  private static Instant parseTime(String text) {
    return text.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(text)) : Instant.parse(text);
  }

  private static Verdict invalid(String reason, String detail) {
    return new Verdict.Invalid(reason, detail);
  }
}
