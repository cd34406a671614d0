package com.callcentre.events.loadharness.clients.internal;

/** What one subscriber is and has seen; touched only on its client's event loop. */
public final class SubscriberState {
  final String protocol;
  final String extension;
  final String name;
  /** The last sequence received, -1 before the first. */
  long lastSeq = -1;
  /** Connected and waiting for events (a poll outstanding, a socket subscribed, a stream open). */
  boolean held;

  SubscriberState(String protocol, String extension, String name) {
    this.protocol = protocol;
    this.extension = extension;
    this.name = name;
  }
}
