package com.callcentre.events.edge.events;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.ExtensionEvent;
import io.vertx.core.json.JsonObject;

/**
 * The one JSON form of a sequenced event, shared by every protocol and the REST API: the flat
 * object the old system sent (legacy field names), with the extension's sequence as
 * {@code event_id}. Dialer keys with no typed field are put back at the top level, as the old
 * system passed them through.
 */
public final class EventJson {
  /*
   * Process-wide, set once at start-up from EDGE_TIMING_FIELDS: every place that writes an event
   * (four protocols and the REST API) then carries the same two diagnostic fields, with no
   * setting threaded through each of them. Off, the JSON is exactly the legacy form.
   */
  private static volatile boolean timingFields;

  private EventJson() {}

  /** Adds {@code sequenced_time} and {@code edge_time} (when the JSON was made, i.e. written) to every event. */
  public static void includeTimingFields(boolean on) {
    timingFields = on;
  }

  public static JsonObject of(ExtensionEvent sequenced) {
    CallEvent e = sequenced.getEvent();
    JsonObject json = new JsonObject();
    e.getAttributes().forEach(json::put);
    json.put("event_id", Long.toString(sequenced.getSeq()))
        .put("event_name_s", e.getEventNameS())
        .put("connect_num", e.getConnectNum())
        .put("source", e.getSource().name())
        .put("event_uuid", e.getEventUuid())
        .put("event_time", e.getEventTime().toString())
        .put("ingest_time", e.getIngestTime().toString());
    putIfSet(json, "calling_num", e.getCallingNum());
    putIfSet(json, "called_num", e.getCalledNum());
    putIfSet(json, "vdn", e.getVdn());
    putIfSet(json, "call_unique_id", e.getCallUniqueId());
    putIfSet(json, "ucid", e.getUcid());
    putIfSet(json, "call_id", e.getCallId() == null ? null : e.getCallId().toString());
    putIfSet(json, "agent_id", e.getAgentId());
    putIfSet(json, "split", e.getSplit());
    putIfSet(json, "cause", e.getCause());
    if (timingFields) {
      json.put("sequenced_time", sequenced.getSequencedTime().toString()).put("edge_time", java.time.Instant.now().toString());
    }
    return json;
  }

  /** The pushed form: {@code {"type":"event","extension":…,"seq":…,"event":{…}}}. */
  public static JsonObject message(ExtensionEvent sequenced) {
    return new JsonObject().put("type", "event").put("extension", sequenced.getExtension())
        .put("seq", sequenced.getSeq()).put("event", of(sequenced));
  }

  private static void putIfSet(JsonObject json, String key, String value) {
    if (value != null) {
      json.put(key, value);
    }
  }
}
