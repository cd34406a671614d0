package com.callcentre.events.edge.legacy;

import io.vertx.core.json.JsonObject;

/** The two answers of the old long-poll service that carry no event. */
final class LegacyReplies {
  static final String NO_CALL = "00000000-0000-0000-0000-000000000000";

  private LegacyReplies() {}

  /** What the old system answered for an extension it had never seen. */
  static JsonObject placeholder(String extension) {
    return new JsonObject().put("connect_num", extension).put("call_unique_id", NO_CALL).put("event_id", "0");
  }

  /** Sent when a long-poll times out with nothing new; the legacy script ignores the name. */
  static JsonObject keepalive(String extension, long eventId) {
    return new JsonObject().put("connect_num", extension).put("event_id", Long.toString(eventId))
        .put("event_name_s", "keepalive");
  }
}
