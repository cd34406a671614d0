package com.callcentre.events.loadharness.clients.internal;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A legacy long-poll as {@code cvlan_ajax_events.js} walks it: {@code GET /event?extension=E&eventid=N},
 * held until the edge answers, then the next poll with the answer's {@code event_id}, on the same
 * kept-alive connection.
 */
final class LongPollConnection extends RawConnection {
  private final long pauseMs;
  private HttpHead head;

  LongPollConnection(SubscriberState subscriber, ConnectionEvents events, String host, long pauseMs) {
    super(subscriber, events, host);
    this.pauseMs = pauseMs;
  }

  @Override
  void onConnected() throws IOException {
    poll();
  }

  private void poll() throws IOException {
    SubscriberState s = subscriber;
    sendGet("/event?extension=" + s.extension + "&eventid=" + Math.max(0, s.lastSeq) + "&name=" + s.name);
    s.held = true;
  }

  @Override
  void onBytes(long receiptMicros) throws IOException {
    if (head == null) {
      head = HttpHead.parse(in, start, end, null);
      if (head == null) {
        return;
      }
      if (head.contentLength() < 0) {
        throw new IllegalStateException("long-poll answer without Content-Length (HTTP " + head.status() + ")");
      }
    }
    int bodyEnd = head.bodyStart() + (int) head.contentLength();
    if (end < bodyEnd) {
      return;
    }
    String body = new String(in, head.bodyStart(), (int) head.contentLength(), StandardCharsets.UTF_8);
    int status = head.status();
    head = null;
    consumed(bodyEnd);
    subscriber.held = false;
    if (status != 200) {
      failed("HTTP " + status + ": " + HttpHead.abbreviate(body));
      return;
    }
    JsonObject json = new JsonObject(body);
    boolean event = !"keepalive".equals(json.getString("event_name_s")) && !"0".equals(json.getString("event_id"));
    if (event) {
      events.received(subscriber, Long.parseLong(json.getString("event_id")), json, receiptMicros);
    }
    if (event && pauseMs > 0) {
      later(pauseMs, this::pollQuietly);
    } else {
      poll();
    }
  }

  private void pollQuietly() {
    try {
      poll();
    } catch (IOException e) {
      failed("IOException: " + e.getMessage());
    }
  }
}
