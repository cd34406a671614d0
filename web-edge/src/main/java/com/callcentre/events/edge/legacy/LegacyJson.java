package com.callcentre.events.edge.legacy;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.ExtensionEvent;
import io.vertx.core.json.JsonObject;

/**
 * An event as the legacy browsers know it: the flat JSON object of the old system, with the
 * extension's sequence as {@code event_id}. Dialer keys with no typed field are put back at the
 * top level, as the old system passed them through.
 */
public final class LegacyJson {
  public static final String NO_CALL = "00000000-0000-0000-0000-000000000000";

  private LegacyJson() {}

  public static JsonObject event(ExtensionEvent sequenced) {
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
    return json;
  }

  /** What the old system answered for an extension it had never seen. */
  public static JsonObject placeholder(String extension) {
    return new JsonObject().put("connect_num", extension).put("call_unique_id", NO_CALL).put("event_id", "0");
  }

  /** Sent when a long-poll times out with nothing new; the legacy script ignores the name. */
  public static JsonObject keepalive(String extension, String eventId) {
    return new JsonObject().put("connect_num", extension).put("event_id", eventId).put("event_name_s", "keepalive");
  }

  private static void putIfSet(JsonObject json, String key, String value) {
    if (value != null) {
      json.put(key, value);
    }
  }
}
