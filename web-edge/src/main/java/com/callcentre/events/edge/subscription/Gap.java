package com.callcentre.events.edge.subscription;

import io.vertx.core.json.JsonObject;

/**
 * Events of an extension that a subscriber will not get: after {@code after} (what it last had)
 * the window now starts at {@code oldest}, or the sequence went back (the streams-app's state was
 * reset). The latest event, {@code seq}, follows. One shape on every protocol:
 * {@code {"type":"gap","extension":"4567","after":2,"oldest":9,"seq":40}}.
 */
public record Gap(String extension, long after, long oldest, long seq) {
  public JsonObject toJson() {
    return new JsonObject().put("type", "gap").put("extension", extension).put("after", after)
        .put("oldest", oldest).put("seq", seq);
  }
}
