package com.callcentre.events.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way this project waits before trying again: the wait doubles from {@code first} up to
 * {@code max} (1 s, 2 s, 4 s … capped, as {@code seeds/004} describes), each wait spread by
 * ±{@code jitterPercent} so clients that failed together do not retry together, and a
 * {@link Backoff} goes back to the first wait after a success ({@link Backoff#reset()}).
 *
 * <p>It lives in the lowest module every user shares (the registry client here, the switch
 * reader and both publishers in the services) so there is exactly one back-off rule.
 *
 * @param first         the first wait
 * @param max           the cap on the (nominal) wait
 * @param jitterPercent how far each wait may stray from the nominal one, 0–100
 * @param maxAttempts   attempts {@link #call} makes before giving up; 0 for no limit
 */
public record RetryPolicy(Duration first, Duration max, int jitterPercent, int maxAttempts) {
  private static final Logger log = LoggerFactory.getLogger(RetryPolicy.class);
  public static final int DEFAULT_JITTER_PERCENT = 20;

  public RetryPolicy {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(max, "max");
    if (first.isNegative() || first.isZero()) {
      throw new IllegalArgumentException("the first wait must be positive, was " + first);
    }
    if (max.compareTo(first) < 0) {
      throw new IllegalArgumentException("the cap " + max + " is below the first wait " + first);
    }
    if (jitterPercent < 0 || jitterPercent > 100) {
      throw new IllegalArgumentException("jitter must be 0-100 %, was " + jitterPercent);
    }
    if (maxAttempts < 0) {
      throw new IllegalArgumentException("attempts must be 0 (no limit) or more, was " + maxAttempts);
    }
  }

  /** Doubling from {@code first} to {@code max} with ±20 % jitter, trying until told to stop. */
  public static RetryPolicy doubling(Duration first, Duration max) {
    return new RetryPolicy(first, max, DEFAULT_JITTER_PERCENT, 0);
  }

  public RetryPolicy withMaxAttempts(int attempts) {
    return new RetryPolicy(first, max, jitterPercent, attempts);
  }

  /** A fresh sequence of waits for one retrying thing (one connection, one request). */
  public Backoff backoff() {
    return new Backoff(this);
  }

  /** One attempt of {@link #call}: returns the result, or throws what went wrong. */
  @FunctionalInterface
  public interface Attempt<T> {
    T run();
  }

  /**
   * Runs {@code attempt} until it succeeds, waiting between attempts. It gives up, throwing the
   * last failure, when the failure is not {@code retryable}, when {@code stillWanted} turns false
   * (a service shutting down), when {@link #maxAttempts} is reached, or when the waiting thread is
   * interrupted (its interrupt flag stays set).
   *
   * <p>Callers sit on per-event paths, so a call that succeeds at once allocates nothing here: the
   * back-off and the description exist only once something has failed.
   *
   * @param what describes the attempt in the warning logged before each wait
   */
  public <T> T call(Supplier<String> what, Attempt<T> attempt, Predicate<RuntimeException> retryable,
      BooleanSupplier stillWanted) {
    Backoff backoff = null;
    for (int n = 1; ; n++) {
      try {
        return attempt.run();
      } catch (RuntimeException failure) {
        boolean lastAttempt = maxAttempts > 0 && n >= maxAttempts;
        if (!retryable.test(failure) || lastAttempt || !stillWanted.getAsBoolean()) {
          throw failure;
        }
        if (backoff == null) {
          backoff = backoff();
        }
        Duration wait = backoff.nextDelay();
        log.warn("{} failed (attempt {}{}); retrying in {} ms: {}", what.get(), n, maxAttempts > 0 ? "/" + maxAttempts : "",
            wait.toMillis(), failure.toString());
        if (!Backoff.sleep(wait)) {
          throw failure;
        }
      }
    }
  }
}
