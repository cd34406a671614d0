package com.callcentre.events.edge.legacy;

import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.avro.ExtensionState;
import com.callcentre.events.edge.EdgeMetrics;
import com.callcentre.events.edge.access.AccessPolicy;
import com.callcentre.events.edge.state.EventWindow;
import com.callcentre.events.edge.state.ExtensionStateReplica;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * {@code GET /event?extension=E&eventid=I[&callback=F]}, exactly the contract the legacy page
 * script {@code cvlan_ajax_events.js} relies on:
 * <ul>
 *   <li>E unknown: a placeholder at once (event_id "0"); with eventid 0, wait for E's first event;</li>
 *   <li>I is E's current sequence: hold until a newer event, else a keep-alive after the timeout;</li>
 *   <li>I older but still in the window: the <em>next</em> event after I, so a client walking one
 *       event at a time sees every event, even a connect and drop a millisecond apart;</li>
 *   <li>I garbage, too old, or newer than E's sequence (state reset): the latest event at once;</li>
 *   <li>no E: 400 {@code {"error":"Invalid parameters"}}.</li>
 * </ul>
 * A held request is a timer and a callback on its event loop, never a thread. The body is sent as
 * text/plain because the script calls JSON.parse on it itself; with {@code callback} it is JSONP.
 */
public final class LongPollHandler {
  private static final Pattern CALLBACK = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$.]{0,63}");
  private static final Pattern EXTENSION = Pattern.compile("[A-Za-z0-9*#+_.-]{1,32}");

  private final ExtensionStateReplica replica;
  private final Duration timeout;
  private final String allowOrigin;
  private final AccessPolicy access;
  private final EdgeMetrics metrics;

  public LongPollHandler(ExtensionStateReplica replica, Duration timeout, String allowOrigin, AccessPolicy access,
      EdgeMetrics metrics) {
    this.replica = replica;
    this.timeout = timeout;
    this.allowOrigin = allowOrigin;
    this.access = access;
    this.metrics = metrics;
  }

  public void handle(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    String callback = req.getParam("callback");
    if (callback != null && !CALLBACK.matcher(callback).matches()) {
      metrics.badInput("longpoll", "bad_callback");
      respond(req.response(), 400, new JsonObject().put("error", "Invalid callback"), null);
      return;
    }
    String extension = req.getParam("extension");
    if (extension == null || !EXTENSION.matcher(extension).matches()) {
      metrics.badInput("longpoll", "bad_extension");
      respond(req.response(), 400, new JsonObject().put("error", "Invalid parameters"), callback);
      return;
    }
    if (!access.mayFollow(req, extension)) {
      respond(req.response(), 403, new JsonObject().put("error", "Forbidden: token does not allow extension " + extension), callback);
      return;
    }
    String eventId = req.getParam("eventid");
    long asked = parseSeq(eventId);
    Optional<ExtensionState> state = replica.get(extension);
    if (state.isEmpty()) {
      if (asked == 0) {
        hold(ctx, extension, 0, callback);
      } else {
        respond(req.response(), 200, LegacyJson.placeholder(extension), callback);
      }
      return;
    }
    ExtensionState current = state.get();
    if (asked == current.getSeq()) {
      hold(ctx, extension, asked, callback);
      return;
    }
    respond(req.response(), 200, LegacyJson.event(answerFor(current, asked)), callback);
  }

  /** The next event after {@code asked} while it is in the window, else the latest. */
  private static ExtensionEvent answerFor(ExtensionState state, long asked) {
    if (asked >= 0 && asked < state.getSeq()) {
      return EventWindow.next(state, asked).orElse(state.getLatest());
    }
    return state.getLatest();
  }

  private void hold(RoutingContext ctx, String extension, long asked, String callback) {
    HttpServerResponse response = ctx.response();
    Vertx vertx = ctx.vertx();
    Context context = vertx.getOrCreateContext();
    AtomicBoolean answered = new AtomicBoolean();
    Runnable closed = metrics.opened("longpoll");
    long[] timer = new long[1];
    ExtensionStateReplica.Subscription[] subscription = new ExtensionStateReplica.Subscription[1];
    Runnable finish = () -> {
      vertx.cancelTimer(timer[0]);
      subscription[0].close();
      closed.run();
    };
    subscription[0] = replica.subscribe(extension, update -> context.runOnContext(v -> {
      if (update.getSeq() != asked && answered.compareAndSet(false, true)) {
        finish.run();
        ExtensionEvent event = answerFor(update, asked);
        respond(response, 200, LegacyJson.event(event), callback);
        metrics.delivered("longpoll", event.getEvent().getIngestTime());
      }
    }));
    timer[0] = vertx.setTimer(timeout.toMillis(), id -> {
      if (answered.compareAndSet(false, true)) {
        finish.run();
        respond(response, 200, LegacyJson.keepalive(extension, Long.toString(asked)), callback);
      }
    });
    response.closeHandler(v -> {
      if (answered.compareAndSet(false, true)) {
        finish.run();
      }
    });
    // An update may have landed between reading the state and subscribing.
    replica.get(extension).filter(s -> s.getSeq() != asked).ifPresent(s -> {
      if (answered.compareAndSet(false, true)) {
        finish.run();
        respond(response, 200, LegacyJson.event(answerFor(s, asked)), callback);
      }
    });
  }

  private void respond(HttpServerResponse response, int status, JsonObject body, String callback) {
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(status)
        .putHeader("Access-Control-Allow-Origin", allowOrigin)
        .putHeader("Cache-Control", "no-cache, no-store");
    if (callback != null) {
      response.putHeader("Content-Type", "application/javascript; charset=utf-8").end(callback + "(" + body.encode() + ");");
    } else {
      response.putHeader("Content-Type", "text/plain; charset=utf-8").end(body.encode());
    }
  }

  /** The eventid as a sequence; -1 for anything that is not one ('i', 'x', empty, junk). */
  static long parseSeq(String eventId) {
    if (eventId == null || eventId.isEmpty() || eventId.length() > 19) {
      return -1;
    }
    for (int i = 0; i < eventId.length(); i++) {
      if (!Character.isDigit(eventId.charAt(i))) {
        return -1;
      }
    }
    return Long.parseLong(eventId);
  }
}
