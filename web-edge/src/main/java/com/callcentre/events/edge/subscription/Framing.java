package com.callcentre.events.edge.subscription;

import com.callcentre.events.avro.ExtensionEvent;

/**
 * What a protocol does with what the {@link SubscriberSession} decides to send: it writes its own
 * frames and nothing else. Called on the connection's event loop only.
 */
public interface Framing {
  void event(ExtensionEvent event);

  void gap(Gap gap);

  /** Whether the connection has as much unsent data as it may hold. */
  boolean writeQueueFull();

  /** Runs {@code then} once the unsent data has drained (a long snapshot continues from there). */
  void whenDrained(Runnable then);

  /** The session is over for this reason: close the connection the protocol's way. */
  void end(Ending ending);

  enum Ending {
    /** The client did not read fast enough: its write queue filled up. */
    TOO_SLOW("write queue full (the client reads too slowly)"),
    /** The token the connection was opened with has expired; the client reconnects with a fresh one. */
    TOKEN_EXPIRED("token expired");

    private final String reason;

    Ending(String reason) {
      this.reason = reason;
    }

    public String reason() {
      return reason;
    }
  }
}
