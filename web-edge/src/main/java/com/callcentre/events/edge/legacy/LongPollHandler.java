package com.callcentre.events.edge.legacy;

import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.avro.ExtensionState;
import com.callcentre.events.edge.EdgeMetrics;
import com.callcentre.events.edge.access.AccessPolicy;
import com.callcentre.events.edge.access.AccessPolicy.Decision;
import com.callcentre.events.edge.access.Grant;
import com.callcentre.events.edge.events.EventJson;
import com.callcentre.events.edge.events.ExtensionId;
import com.callcentre.events.edge.events.Interest;
import com.callcentre.events.edge.http.FixedTimeouts;
import com.callcentre.events.edge.http.HttpErrors;
import com.callcentre.events.edge.http.QueryParams;
import com.callcentre.events.edge.state.ExtensionStateReplica;
import com.callcentre.events.edge.subscription.Client;
import com.callcentre.events.edge.subscription.Framing;
import com.callcentre.events.edge.subscription.Gap;
import com.callcentre.events.edge.subscription.SubscriberSession;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
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
 * These are the subscription core's rules for one extension resumed after I; this class only
 * turns the first event the core sends into the one response. A held request is a session and an
 * entry in its event loop's {@link FixedTimeouts}, never a thread. The body is text/plain because
 * the script calls JSON.parse on it itself; with {@code callback} it is JSONP.
 */
public final class LongPollHandler {
  private static final Pattern CALLBACK = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$.]{0,63}");
  /** The legacy service's wording, which pages may test for. */
  private static final String INVALID_PARAMETERS = "Invalid parameters";
  // Header values as ASCII bytes made once: set on every answer, a String would be checked and
  // encoded char by char each time.
  private static final CharSequence NO_CACHE = HttpHeaders.createOptimized("no-cache, no-store");
  private static final CharSequence TEXT = HttpHeaders.createOptimized("text/plain; charset=utf-8");
  private static final CharSequence JAVASCRIPT = HttpHeaders.createOptimized("application/javascript; charset=utf-8");

  private final ExtensionStateReplica replica;
  private final Duration timeout;
  private final CharSequence allowOrigin;
  private final AccessPolicy access;
  private final EdgeMetrics metrics;

  public LongPollHandler(ExtensionStateReplica replica, Duration timeout, String allowOrigin, AccessPolicy access,
      EdgeMetrics metrics) {
    this.replica = replica;
    this.timeout = timeout;
    this.allowOrigin = HttpHeaders.createOptimized(allowOrigin);
    this.access = access;
    this.metrics = metrics;
  }

  public void handle(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    // The headers go on when the request is answered, not while it is held: set now, they would
    // be a header map and entries per waiting request (measured with bin/bench edge nmt=true).
    HttpServerResponse response = req.response();
    QueryParams params = QueryParams.of(req);
    String callback = params.get("callback");
    if (callback != null && !CALLBACK.matcher(callback).matches()) {
      metrics.badInput("longpoll", "bad_callback");
      HttpErrors.send(headed(response), 400, "Invalid callback");
      return;
    }
    Optional<ExtensionId> extension = ExtensionId.parse(params.get("extension"));
    if (extension.isEmpty()) {
      metrics.badInput("longpoll", "bad_extension");
      HttpErrors.send(headed(response), 400, INVALID_PARAMETERS, callback);
      return;
    }
    String ext = extension.get().value();
    Decision decision = access.check(req, params);
    if (decision instanceof Decision.Refused refused) {
      metrics.badInput("longpoll", "no_valid_token");
      HttpErrors.send(headed(response), 401, refused.message(), callback);
      return;
    }
    Grant grant = ((Decision.Granted) decision).grant();
    Interest interest = new Interest.Extension(extension.get());
    if (!grant.allows(interest)) {
      HttpErrors.send(headed(response), 403, "token does not allow " + interest.describe(), callback);
      return;
    }
    Client client = Client.of("longpoll", req, params).orElse(null);
    if (client == null) {
      metrics.badInput("longpoll", "bad_name");
      HttpErrors.send(headed(response), 400, Client.NAME_RULE, callback);
      return;
    }
    long asked = parseSeq(params.get("eventid"));
    if (replica.get(ext).isEmpty() && asked != 0) {
      reply(response, LegacyReplies.placeholder(ext), callback);
      return;
    }
    // Nothing held below refers to ctx: a lambda that did would keep the routing context, and its
    // maps, alive for as long as the request waits.
    Context context = ctx.vertx().getOrCreateContext();
    Poll poll = new Poll(response, callback, ext, asked);
    SubscriberSession session = new SubscriberSession(replica, metrics, context, client, grant, poll);
    poll.session = session;
    session.follow(interest, asked < 0 ? Map.of() : Map.of(ext, asked));
    if (session.isClosed()) {
      return; // answered at once from the window
    }
    session.onClose(FixedTimeouts.on(context, timeout).start(poll::timedOut)::cancel);
    response.closeHandler(v -> session.close());
  }

  /** One response per request: the first event the core sends answers it and ends the session. */
  private final class Poll implements Framing {
    private final HttpServerResponse response;
    private final String callback;
    private final String ext;
    private final long asked;
    private SubscriberSession session;

    Poll(HttpServerResponse response, String callback, String ext, long asked) {
      this.response = response;
      this.callback = callback;
      this.ext = ext;
      this.asked = asked;
    }

    /** No newer event within the timeout: a keep-alive, unless the sequence was reset meanwhile. */
    void timedOut() {
      if (session.close()) {
        // Still behind the client's id when the poll ends (a poll shorter than the session's
        // grace): the sequence was reset, and the latest is the answer, as the contract says.
        ExtensionState now = replica.get(ext).orElse(null);
        reply(response, now != null && now.getSeq() < asked ? EventJson.of(now.getLatest())
            : LegacyReplies.keepalive(ext, asked), callback);
      }
    }

    @Override
    public void event(ExtensionEvent event) {
      if (session.close()) {
        reply(response, EventJson.encode(event), callback);
      }
    }

    @Override
    public void gap(Gap gap) {
      // the latest event follows, and is the answer
    }

    @Override
    public boolean writeQueueFull() {
      return false; // one response, never queued behind another
    }

    @Override
    public void whenDrained(Runnable then) {
      then.run();
    }

    @Override
    public void end(Ending ending) {
      if (ending == Ending.TOKEN_EXPIRED) {
        HttpErrors.send(headed(response), 401, "the subscription token expired", callback);
      }
    }
  }

  private void reply(HttpServerResponse response, JsonObject body, String callback) {
    reply(response, body.toBuffer(), callback);
  }

  private void reply(HttpServerResponse response, Buffer body, String callback) {
    if (response.ended() || response.closed()) {
      return;
    }
    headed(response);
    if (callback != null) {
      response.putHeader(HttpHeaders.CONTENT_TYPE, JAVASCRIPT).end(Buffer.buffer(body.length() + callback.length() + 3)
          .appendString(callback).appendString("(").appendBuffer(body).appendString(");"));
    } else {
      response.putHeader(HttpHeaders.CONTENT_TYPE, TEXT).end(body);
    }
  }

  /** Every answer's headers, an error's too: the page may be served from another origin. */
  private HttpServerResponse headed(HttpServerResponse response) {
    return response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, allowOrigin)
        .putHeader(HttpHeaders.CACHE_CONTROL, NO_CACHE);
  }

  /** The eventid as a sequence; -1 for anything that is not one ('i', 'x', empty, junk). */
  static long parseSeq(String eventId) {
    if (eventId == null || eventId.isEmpty() || eventId.length() > 18) {
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
