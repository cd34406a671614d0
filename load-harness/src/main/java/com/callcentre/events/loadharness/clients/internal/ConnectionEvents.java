package com.callcentre.events.loadharness.clients.internal;

import io.vertx.core.json.JsonObject;

/**
 * What a subscriber's connection reports, on its client's loop, to whoever holds the subscribers.
 * A connection knows its subscriber and this, nothing above it.
 */
interface ConnectionEvents {
  /** One event as the subscriber received it: {@code event} is the flat legacy JSON. */
  void received(SubscriberState s, long seq, JsonObject event, long receiptMicros);

  /** One WebSocket text message, whole. */
  void message(SubscriberState s, String text, long receiptMicros);

  /** A gap notice: events the edge no longer has in its window. */
  void gap();

  /** Something the edge said that is not an event, counted by reason. */
  void count(String reason);

  /** The subscriber's connection has ended with this fault, and is closed. */
  void failed(SubscriberState s, String why);
}
