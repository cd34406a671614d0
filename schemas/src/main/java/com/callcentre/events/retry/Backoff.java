package com.callcentre.events.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One retrying thing's sequence of waits under a {@link RetryPolicy}: each call to
 * {@link #nextDelay()} returns the nominal wait with jitter and doubles the nominal wait up to the
 * cap; {@link #reset()} starts again from the first. Not thread-safe: one per connection or call.
 */
public final class Backoff {
  private final RetryPolicy policy;
  private Duration nominal;

  Backoff(RetryPolicy policy) {
    this.policy = policy;
    this.nominal = policy.first();
  }

  /** The wait before the next attempt. */
  public Duration nextDelay() {
    Duration current = nominal;
    Duration doubled = current.multipliedBy(2);
    nominal = doubled.compareTo(policy.max()) > 0 ? policy.max() : doubled;
    long ms = current.toMillis();
    long spread = ms * policy.jitterPercent() / 100;
    return Duration.ofMillis(ms - spread + ThreadLocalRandom.current().nextLong(2 * spread + 1));
  }

  /** Back to the first wait, after the thing being retried has worked again. */
  public void reset() {
    nominal = policy.first();
  }

  /** Sleeps; false (with the interrupt flag set again) if the thread was interrupted. */
  public static boolean sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
