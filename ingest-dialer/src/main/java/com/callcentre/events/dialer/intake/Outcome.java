package com.callcentre.events.dialer.intake;

/** What a sender is told about one message. */
public sealed interface Outcome {
  /** Kafka acknowledged the event. */
  record Accepted(String eventUuid) implements Outcome {}

  /** The message was refused (and dead-lettered when it was bad input). */
  record Rejected(String reason, String detail) implements Outcome {}

  /** Kafka did not acknowledge within the reply timeout; the event stays queued for delivery. */
  record NotAcknowledged(String eventUuid, String detail) implements Outcome {}

  /** The one-line reply of the 0MQ protocol: {@code OK <uuid>} or {@code ERROR <reason>: <detail>}. */
  default String zmqReply() {
    return switch (this) {
      case Accepted a -> "OK " + a.eventUuid();
      case Rejected r -> "ERROR " + r.reason() + ": " + r.detail();
      case NotAcknowledged n -> "ERROR not_acknowledged: " + n.detail();
    };
  }
}
