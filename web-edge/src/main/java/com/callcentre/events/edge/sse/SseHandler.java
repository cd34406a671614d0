package com.callcentre.events.edge.sse;

import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.edge.EdgeMetrics;
import com.callcentre.events.edge.access.AccessPolicy;
import com.callcentre.events.edge.access.AccessPolicy.Decision;
import com.callcentre.events.edge.access.Grant;
import com.callcentre.events.edge.events.EventJson;
import com.callcentre.events.edge.events.ExtensionId;
import com.callcentre.events.edge.events.Interest;
import com.callcentre.events.edge.http.HttpErrors;
import com.callcentre.events.edge.http.QueryParams;
import com.callcentre.events.edge.state.ExtensionStateReplica;
import com.callcentre.events.edge.subscription.Client;
import com.callcentre.events.edge.subscription.Framing;
import com.callcentre.events.edge.subscription.Gap;
import com.callcentre.events.edge.subscription.SubscriberSession;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Server-Sent Events: {@code GET /events?extension=E}, or for a supervisor {@code ?vdn=V} or
 * {@code ?all=true}. One {@code call-event} per event; on a one-extension stream its id is the
 * sequence, so a browser's automatic reconnect (Last-Event-ID) resumes where it left off. On a
 * VDN or all-extensions stream the id is {@code extension:seq}, and a reconnect starts again from
 * the latest event of each extension (a wallboard shows current state). {@code gap} events have
 * the shape every protocol uses.
 */
public final class SseHandler {
  private final ExtensionStateReplica replica;
  private final EdgeMetrics metrics;
  private final AccessPolicy access;
  private final Duration pingInterval;
  private final int writeQueueBytes;
  private final String allowOrigin;

  public SseHandler(ExtensionStateReplica replica, EdgeMetrics metrics, AccessPolicy access, Duration pingInterval,
      int writeQueueBytes, String allowOrigin) {
    this.replica = replica;
    this.metrics = metrics;
    this.access = access;
    this.pingInterval = pingInterval;
    this.writeQueueBytes = writeQueueBytes;
    this.allowOrigin = allowOrigin;
  }

  public void handle(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    HttpServerResponse response = ctx.response().putHeader("Access-Control-Allow-Origin", allowOrigin);
    QueryParams params = QueryParams.of(req);
    Optional<Interest> interest = interest(params);
    if (interest.isEmpty()) {
      metrics.badInput("sse", "bad_extension");
      HttpErrors.send(response, 400, "expected ?extension=E, ?vdn=V or ?all=true with E and V like 4567");
      return;
    }
    Decision decision = access.check(req, params);
    if (decision instanceof Decision.Refused refused) {
      metrics.badInput("sse", "no_valid_token");
      HttpErrors.send(response, 401, refused.message());
      return;
    }
    Grant grant = ((Decision.Granted) decision).grant();
    if (!grant.allows(interest.get())) {
      HttpErrors.send(response, 403, "token does not allow " + interest.get().describe());
      return;
    }
    Client client = Client.of("sse", req, params).orElse(null);
    if (client == null) {
      metrics.badInput("sse", "bad_name");
      HttpErrors.send(response, 400, Client.NAME_RULE);
      return;
    }
    // As for a long-poll: nothing held for the stream's life refers to ctx (its routing context).
    Vertx vertx = ctx.vertx();
    Stream stream = new Stream(response, !(interest.get() instanceof Interest.Extension));
    SubscriberSession session = new SubscriberSession(replica, metrics, vertx.getOrCreateContext(), client, grant,
        stream);
    response.setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .setWriteQueueMaxSize(writeQueueBytes);
    response.write("retry: 3000\n\n");
    long ping = vertx.setPeriodic(pingInterval.toMillis(), id -> stream.write(": ping\n\n"));
    session.onClose(() -> vertx.cancelTimer(ping));
    response.closeHandler(v -> session.close());
    session.follow(interest.get(), resumeFrom(req, params, interest.get()));
  }

  private static Optional<Interest> interest(QueryParams params) {
    if (params.get("extension") != null) {
      return ExtensionId.parse(params.get("extension")).map(Interest.Extension::new);
    }
    if (params.get("vdn") != null) {
      return ExtensionId.parse(params.get("vdn")).map(Interest.Vdn::new);
    }
    return "true".equals(params.get("all")) ? Optional.of(Interest.ALL) : Optional.empty();
  }

  /** Last-Event-ID (the browser's reconnect) or ?lastEventId= (a client library moving between edges). */
  private static Map<String, Long> resumeFrom(HttpServerRequest req, QueryParams params, Interest interest) {
    String id = Optional.ofNullable(req.getHeader("Last-Event-ID")).orElse(params.get("lastEventId"));
    if (id == null || !(interest instanceof Interest.Extension e)) {
      return Map.of();
    }
    try {
      return Map.of(e.id().value(), Long.parseLong(id.trim()));
    } catch (NumberFormatException notASequence) {
      return Map.of();
    }
  }

  private static final class Stream implements Framing {
    private final HttpServerResponse response;
    private final boolean manyExtensions;

    Stream(HttpServerResponse response, boolean manyExtensions) {
      this.response = response;
      this.manyExtensions = manyExtensions;
    }

    @Override
    public void event(ExtensionEvent e) {
      String id = manyExtensions ? e.getExtension() + ":" + e.getSeq() : Long.toString(e.getSeq());
      Buffer json = EventJson.encode(e);
      write(Buffer.buffer(json.length() + 48).appendString("id: ").appendString(id)
          .appendString("\nevent: call-event\ndata: ").appendBuffer(json).appendString("\n\n"));
    }

    @Override
    public void gap(Gap gap) {
      write("event: gap\ndata: " + gap.toJson().encode() + "\n\n");
    }

    @Override
    public boolean writeQueueFull() {
      return response.writeQueueFull();
    }

    @Override
    public void whenDrained(Runnable then) {
      response.drainHandler(v -> then.run());
    }

    @Override
    public void end(Ending ending) {
      if (ending == Ending.TOO_SLOW) {
        response.reset();
      } else {
        write("event: error\ndata: " + new JsonObject().put("type", "error").put("reason", "token expired").encode() + "\n\n");
        response.end();
      }
    }

    void write(String chunk) {
      write(Buffer.buffer(chunk));
    }

    void write(Buffer chunk) {
      if (!response.ended() && !response.closed()) {
        response.write(chunk);
      }
    }
  }
}
