package com.callcentre.events.edge.events;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.ExtensionEvent;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The one JSON form of a sequenced event, shared by every protocol and the REST API: the flat
 * object the old system sent (legacy field names), with the extension's sequence as
 * {@code event_id}. Dialer keys with no typed field are put back at the top level, as the old
 * system passed them through.
 *
 * <p>{@link #of} builds it as a {@link JsonObject} for callers that compose it into more;
 * {@link #encode} (UTF-8 bytes) and {@link #encodeMessage} (text) write the same straight out, for
 * the write paths that send one per subscriber: building the map and encoding it through databind was a quarter of
 * the edge's wake-up profile (docs/benchmarks.md, #11).
 */
public final class EventJson {
  /*
   * Process-wide, set once at start-up from EDGE_TIMING_FIELDS: every place that writes an event
   * (four protocols and the REST API) then carries the same two diagnostic fields, with no
   * setting threaded through each of them. Off, the JSON is exactly the legacy form.
   */
  private static volatile boolean timingFields;

  /** A character beyond the BMP (an emoji in a name) goes out as its 4 UTF-8 bytes, as the text form's has it. */
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();
  /** The typed fields' names: an attribute named like one takes that field's place in the object. */
  private static final Set<String> TYPED = Set.of("event_id", "event_name_s", "connect_num", "source", "event_uuid",
      "event_time", "ingest_time", "calling_num", "called_num", "vdn", "call_unique_id", "ucid", "call_id",
      "agent_id", "split", "cause", "sequenced_time", "edge_time");

  private EventJson() {}

  /** Adds {@code sequenced_time} and {@code edge_time} (when the JSON was made, i.e. written) to every event. */
  public static void includeTimingFields(boolean on) {
    timingFields = on;
  }

  public static JsonObject of(ExtensionEvent sequenced) {
    JsonObject json = new JsonObject();
    try {
      fields(sequenced, json::put);
    } catch (IOException cannotHappen) {
      throw new UncheckedIOException(cannotHappen); // putting into a map does not do I/O
    }
    return json;
  }

  /** The pushed form: {@code {"type":"event","extension":…,"seq":…,"event":{…}}}. */
  public static JsonObject message(ExtensionEvent sequenced) {
    return new JsonObject().put("type", "event").put("extension", sequenced.getExtension())
        .put("seq", sequenced.getSeq()).put("event", of(sequenced));
  }

  /**
   * {@code of(sequenced).toBuffer()}: the same text as UTF-8, written without the map and straight
   * to bytes, for the HTTP answers and streams, which send bytes: through a String it was copied
   * three more times per subscriber (the writer's buffer, the String, its UTF-8 encoding).
   */
  public static Buffer encode(ExtensionEvent sequenced) {
    if (!plainAttributes(sequenced.getEvent())) {
      return of(sequenced).toBuffer(); // an attribute shadows a typed field: the map decides where it goes
    }
    ByteArrayBuilder bytes = new ByteArrayBuilder(1024);
    try (JsonGenerator json = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
      object(json, out -> fields(sequenced, out::writeStringField));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write an event's JSON", e); // an in-memory builder does not fail
    }
    return Buffer.buffer(bytes.toByteArray());
  }

  /** {@code message(sequenced).encode()}: the same text, written without the maps. */
  public static String encodeMessage(ExtensionEvent sequenced) {
    if (!plainAttributes(sequenced.getEvent())) {
      return message(sequenced).encode();
    }
    return write(json -> {
      json.writeStringField("type", "event");
      json.writeStringField("extension", sequenced.getExtension());
      json.writeNumberField("seq", sequenced.getSeq());
      json.writeObjectFieldStart("event");
      fields(sequenced, json::writeStringField);
      json.writeEndObject();
    });
  }

  /** Every field of the legacy form, in its order, to {@code out}; an absent optional field is left out. */
  private static void fields(ExtensionEvent sequenced, Field out) throws IOException {
    CallEvent e = sequenced.getEvent();
    for (Map.Entry<String, String> attribute : e.getAttributes().entrySet()) {
      out.put(attribute.getKey(), attribute.getValue());
    }
    out.put("event_id", Long.toString(sequenced.getSeq()));
    out.put("event_name_s", e.getEventNameS());
    out.put("connect_num", e.getConnectNum());
    out.put("source", e.getSource().name());
    out.put("event_uuid", e.getEventUuid());
    out.put("event_time", e.getEventTime().toString());
    out.put("ingest_time", e.getIngestTime().toString());
    putIfSet(out, "calling_num", e.getCallingNum());
    putIfSet(out, "called_num", e.getCalledNum());
    putIfSet(out, "vdn", e.getVdn());
    putIfSet(out, "call_unique_id", e.getCallUniqueId());
    putIfSet(out, "ucid", e.getUcid());
    putIfSet(out, "call_id", e.getCallId() == null ? null : e.getCallId().toString());
    putIfSet(out, "agent_id", e.getAgentId());
    putIfSet(out, "split", e.getSplit());
    putIfSet(out, "cause", e.getCause());
    if (timingFields) {
      out.put("sequenced_time", sequenced.getSequencedTime().toString());
      out.put("edge_time", Instant.now().toString());
    }
  }

  private static boolean plainAttributes(CallEvent e) {
    for (String key : e.getAttributes().keySet()) {
      if (TYPED.contains(key)) {
        return false;
      }
    }
    return true;
  }

  /** Where the fields go: a map, or straight into the text. */
  private interface Field {
    void put(String name, String value) throws IOException;
  }

  private interface Fields {
    void write(JsonGenerator json) throws IOException;
  }

  private static String write(Fields fields) {
    StringWriter text = new StringWriter(512);
    try (JsonGenerator json = JSON.createGenerator(text)) {
      object(json, fields);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write an event's JSON", e); // a StringWriter does not fail
    }
    return text.toString();
  }

  private static void object(JsonGenerator json, Fields fields) throws IOException {
    json.writeStartObject();
    fields.write(json);
    json.writeEndObject();
  }

  private static void putIfSet(Field out, String name, String value) throws IOException {
    if (value != null) {
      out.put(name, value);
    }
  }
}
