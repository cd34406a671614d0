package com.callcentre.events.edge.rest;

import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.avro.ExtensionState;
import com.callcentre.events.edge.access.AccessPolicy;
import com.callcentre.events.edge.access.AccessPolicy.Decision;
import com.callcentre.events.edge.access.Grant;
import com.callcentre.events.edge.events.EventJson;
import com.callcentre.events.edge.events.ExtensionId;
import com.callcentre.events.edge.events.Interest;
import com.callcentre.events.edge.http.HttpErrors;
import com.callcentre.events.edge.http.QueryParams;
import com.callcentre.events.edge.state.EventWindow;
import com.callcentre.events.edge.state.ExtensionStateReplica;
import com.callcentre.events.edge.subscription.Followers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Snapshots from the local replica:
 * {@code GET /api/extensions} (every extension the caller may follow, its sequence and last event name),
 * {@code GET /api/extensions/{ext}} (latest and recent window; 404 if unknown),
 * {@code GET /api/extensions/{ext}/events?after=N} (events after N still in the window),
 * {@code GET /api/extensions/{ext}/subscribers} (who follows it on this edge; needs a grant of
 * every extension, since it shows other people's names and addresses).
 */
public final class ExtensionsApi {
  /** Enough for any one extension's real followers; a wallboard-heavy "all" list stays cheap to build. */
  private static final int MAX_LISTED_SUBSCRIBERS = 1000;

  private final ExtensionStateReplica replica;
  private final AccessPolicy access;
  private final Followers followers;

  public ExtensionsApi(ExtensionStateReplica replica, AccessPolicy access) {
    this.replica = replica;
    this.access = access;
    this.followers = new Followers(replica, MAX_LISTED_SUBSCRIBERS);
  }


  public void mount(Router router) {
    router.get("/api/extensions").handler(this::list);
    router.get("/api/extensions/:ext").handler(this::one);
    router.get("/api/extensions/:ext/events").handler(this::events);
    router.get("/api/extensions/:ext/subscribers").handler(this::subscribers);
  }

  private void list(RoutingContext ctx) {
    grant(ctx).ifPresent(grant -> {
      JsonArray out = new JsonArray();
      replica.all().stream()
          .filter(s -> ExtensionId.parse(s.getExtension()).map(id -> grant.allows(new Interest.Extension(id)))
              .orElse(grant.extensions().contains(Grant.ANY)))
          .sorted(Comparator.comparing(ExtensionState::getExtension))
          .forEach(s -> out.add(new JsonObject()
              .put("extension", s.getExtension())
              .put("seq", s.getSeq())
              .put("last_event_name", s.getLatest().getEvent().getEventNameS())
              .put("last_event_time", s.getLatest().getEvent().getEventTime().toString())));
      json(ctx, new JsonObject().put("extensions", out));
    });
  }

  private void one(RoutingContext ctx) {
    state(ctx).ifPresent(s -> json(ctx, new JsonObject()
        .put("extension", s.getExtension())
        .put("seq", s.getSeq())
        .put("latest", EventJson.of(s.getLatest()))
        .put("recent", events(s.getRecent()))));
  }

  private void events(RoutingContext ctx) {
    String after = Objects.requireNonNullElse(QueryParams.of(ctx.request()).get("after"), "0");
    long seq;
    try {
      seq = Long.parseLong(after);
    } catch (NumberFormatException e) {
      HttpErrors.send(ctx.response(), 400, "after must be a sequence number, was '" + after + "'");
      return;
    }
    state(ctx).ifPresent(s -> {
      Optional<List<ExtensionEvent>> window = EventWindow.after(s, seq);
      json(ctx, new JsonObject()
          .put("extension", s.getExtension())
          .put("seq", s.getSeq())
          .put("gap", window.isEmpty())
          .put("oldest", EventWindow.oldest(s))
          .put("events", events(window.orElse(s.getRecent()))));
    });
  }

  private void subscribers(RoutingContext ctx) {
    Optional<ExtensionId> ext = extension(ctx);
    Optional<Grant> grant = ext.isEmpty() ? Optional.empty() : grant(ctx);
    if (grant.isEmpty()) {
      return;
    }
    if (!grant.get().allows(Interest.ALL)) {
      HttpErrors.send(ctx.response(), 403, "listing subscribers needs a token that allows every extension");
      return;
    }
    followers.of(ext.get()).onComplete(listed -> {
      if (listed.succeeded()) {
        json(ctx, listed.result());
      } else {
        ctx.fail(listed.cause());
      }
    });
  }

  private Optional<Grant> grant(RoutingContext ctx) {
    Decision decision = access.check(ctx.request(), QueryParams.of(ctx.request()));
    if (decision instanceof Decision.Refused refused) {
      HttpErrors.send(ctx.response(), 401, refused.message());
      return Optional.empty();
    }
    return Optional.of(((Decision.Granted) decision).grant());
  }

  private static Optional<ExtensionId> extension(RoutingContext ctx) {
    Optional<ExtensionId> ext = ExtensionId.parse(ctx.pathParam("ext"));
    if (ext.isEmpty()) {
      HttpErrors.send(ctx.response(), 400, "not an extension: " + ctx.pathParam("ext"));
    }
    return ext;
  }

  private Optional<ExtensionState> state(RoutingContext ctx) {
    Optional<ExtensionId> ext = extension(ctx);
    if (ext.isEmpty()) {
      return Optional.empty();
    }
    Interest interest = new Interest.Extension(ext.get());
    Optional<Grant> grant = grant(ctx);
    if (grant.isEmpty()) {
      return Optional.empty();
    }
    if (!grant.get().allows(interest)) {
      HttpErrors.send(ctx.response(), 403, "token does not allow " + interest.describe());
      return Optional.empty();
    }
    Optional<ExtensionState> state = replica.get(ext.get().value());
    if (state.isEmpty()) {
      HttpErrors.send(ctx.response(), 404, "no events yet for extension " + ext.get());
    }
    return state;
  }

  private static JsonArray events(List<ExtensionEvent> events) {
    JsonArray out = new JsonArray();
    events.forEach(e -> out.add(EventJson.of(e)));
    return out;
  }

  private static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
  }
}
