package com.callcentre.events.edge.sse;

import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.avro.ExtensionState;
import com.callcentre.events.edge.EdgeMetrics;
import com.callcentre.events.edge.access.AccessPolicy;
import com.callcentre.events.edge.legacy.LegacyJson;
import com.callcentre.events.edge.state.CatchUp;
import com.callcentre.events.edge.state.ExtensionStateReplica;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * {@code GET /events?extension=E}: Server-Sent Events, one {@code call-event} per event with the
 * sequence as its id, so a browser's automatic reconnect (Last-Event-ID) resumes where it left off;
 * a {@code gap} event when some of the missed events have left the window.
 */
public final class SseHandler {
  private static final Pattern EXTENSION = Pattern.compile("[A-Za-z0-9*#+_.-]{1,32}");

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
    String ext = ctx.request().getParam("extension");
    HttpServerResponse response = ctx.response();
    if (ext == null || !EXTENSION.matcher(ext).matches()) {
      metrics.badInput("sse", "bad_extension");
      response.setStatusCode(400).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("error", "extension parameter missing or invalid").encode());
      return;
    }
    if (!access.mayFollow(ctx.request(), ext)) {
      response.setStatusCode(403).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("error", "token does not allow extension " + ext).encode());
      return;
    }
    String resume = ctx.request().getHeader("Last-Event-ID");
    if (resume == null) {
      resume = ctx.request().getParam("lastEventId");
    }
    long lastSent = parse(resume);
    response.setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("Access-Control-Allow-Origin", allowOrigin)
        .setWriteQueueMaxSize(writeQueueBytes);
    response.write("retry: 3000\n\n");
    new Stream(ctx.vertx(), response, ext, lastSent).start();
  }

  private static long parse(String id) {
    try {
      return id == null ? -1 : Long.parseLong(id.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private final class Stream {
    private final Vertx vertx;
    private final Context context;
    private final HttpServerResponse response;
    private final String ext;
    private long lastSent;
    private boolean closed;

    Stream(Vertx vertx, HttpServerResponse response, String ext, long lastSent) {
      this.vertx = vertx;
      this.context = vertx.getOrCreateContext();
      this.response = response;
      this.ext = ext;
      this.lastSent = lastSent;
    }

    void start() {
      Runnable gauge = metrics.opened("sse");
      ExtensionStateReplica.Subscription sub = replica.subscribe(ext, s -> context.runOnContext(v -> push(s)));
      long ping = vertx.setPeriodic(pingInterval.toMillis(), id -> write(": ping\n\n"));
      response.closeHandler(v -> {
        closed = true;
        sub.close();
        vertx.cancelTimer(ping);
        gauge.run();
      });
      replica.get(ext).ifPresent(state -> {
        if (lastSent < 0) {
          lastSent = state.getSeq();
          send(state.getLatest());
        } else {
          push(state);
        }
      });
      if (lastSent < 0) {
        lastSent = 0;
      }
    }

    private void push(ExtensionState state) {
      CatchUp catchUp = CatchUp.of(state, lastSent);
      if (catchUp.gap()) {
        write("event: gap\ndata: " + new JsonObject().put("extension", ext).put("after", lastSent).encode() + "\n\n");
      }
      for (ExtensionEvent e : catchUp.events()) {
        send(e);
        metrics.delivered("sse", e.getEvent().getIngestTime());
      }
      if (!catchUp.events().isEmpty()) {
        lastSent = state.getSeq();
      }
    }

    private void send(ExtensionEvent e) {
      write("id: " + e.getSeq() + "\nevent: call-event\ndata: " + LegacyJson.event(e).encode() + "\n\n");
    }

    private void write(String chunk) {
      if (closed) {
        return;
      }
      if (response.writeQueueFull()) {
        metrics.droppedSlowClient("sse");
        closed = true;
        response.reset();
        return;
      }
      response.write(chunk);
    }
  }
}
