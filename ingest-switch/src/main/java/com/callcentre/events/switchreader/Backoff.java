package com.callcentre.events.switchreader;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reconnect waits that double from the first to the cap (1 s, 2 s, 4 s, …), each with ±20 %
 * jitter so readers that failed together do not retry together; back to the first after a
 * healthy period.
 */
final class Backoff {
  private final Duration first;
  private final Duration max;
  private Duration next;

  Backoff(Duration first, Duration max) {
    this.first = first;
    this.max = max;
    this.next = first;
  }

  /** The wait before the next attempt (the nominal one, before jitter, doubles each call). */
  Duration nextDelay() {
    Duration nominal = next;
    next = nominal.multipliedBy(2).compareTo(max) > 0 ? max : nominal.multipliedBy(2);
    long ms = nominal.toMillis();
    long jitter = ms / 5;
    return Duration.ofMillis(ms - jitter + ThreadLocalRandom.current().nextLong(2 * jitter + 1));
  }

  void reset() {
    next = first;
  }
}
