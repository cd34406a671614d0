package com.callcentre.events.edge.rest;

import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.avro.ExtensionState;
import com.callcentre.events.edge.access.AccessPolicy;
import com.callcentre.events.edge.legacy.LegacyJson;
import com.callcentre.events.edge.state.EventWindow;
import com.callcentre.events.edge.state.ExtensionStateReplica;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Snapshots from the local replica:
 * {@code GET /api/extensions} (every known extension, its sequence and last event name),
 * {@code GET /api/extensions/{ext}} (latest and recent window; 404 if unknown),
 * {@code GET /api/extensions/{ext}/events?after=N} (events after N still in the window).
 */
public final class ExtensionsApi {
  private final ExtensionStateReplica replica;
  private final AccessPolicy access;

  public ExtensionsApi(ExtensionStateReplica replica, AccessPolicy access) {
    this.replica = replica;
    this.access = access;
  }

  public void mount(Router router) {
    router.get("/api/extensions").handler(this::list);
    router.get("/api/extensions/:ext").handler(this::one);
    router.get("/api/extensions/:ext/events").handler(this::events);
  }

  private void list(RoutingContext ctx) {
    if (access.allowed(ctx.request()).isEmpty()) {
      json(ctx, 401, new JsonObject().put("error", "a valid token is required"));
      return;
    }
    JsonArray out = new JsonArray();
    replica.all().stream().sorted(Comparator.comparing(ExtensionState::getExtension)).forEach(s -> out.add(new JsonObject()
        .put("extension", s.getExtension())
        .put("seq", s.getSeq())
        .put("last_event_name", s.getLatest().getEvent().getEventNameS())
        .put("last_event_time", s.getLatest().getEvent().getEventTime().toString())));
    json(ctx, 200, new JsonObject().put("extensions", out));
  }

  private void one(RoutingContext ctx) {
    state(ctx).ifPresent(s -> json(ctx, 200, new JsonObject()
        .put("extension", s.getExtension())
        .put("seq", s.getSeq())
        .put("latest", LegacyJson.event(s.getLatest()))
        .put("recent", events(s.getRecent()))));
  }

  private void events(RoutingContext ctx) {
    String after = ctx.request().getParam("after", "0");
    long seq;
    try {
      seq = Long.parseLong(after);
    } catch (NumberFormatException e) {
      json(ctx, 400, new JsonObject().put("error", "after must be a sequence number, was '" + after + "'"));
      return;
    }
    state(ctx).ifPresent(s -> {
      Optional<List<ExtensionEvent>> window = EventWindow.after(s, seq);
      json(ctx, 200, new JsonObject()
          .put("extension", s.getExtension())
          .put("seq", s.getSeq())
          .put("gap", window.isEmpty())
          .put("oldest", EventWindow.oldest(s))
          .put("events", events(window.orElse(s.getRecent()))));
    });
  }

  private Optional<ExtensionState> state(RoutingContext ctx) {
    String ext = ctx.pathParam("ext");
    if (!access.mayFollow(ctx.request(), ext)) {
      json(ctx, 403, new JsonObject().put("error", "token does not allow extension " + ext));
      return Optional.empty();
    }
    Optional<ExtensionState> state = replica.get(ext);
    if (state.isEmpty()) {
      json(ctx, 404, new JsonObject().put("error", "no events yet for extension " + ext));
    }
    return state;
  }

  private static JsonArray events(List<ExtensionEvent> events) {
    JsonArray out = new JsonArray();
    events.forEach(e -> out.add(LegacyJson.event(e)));
    return out;
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
