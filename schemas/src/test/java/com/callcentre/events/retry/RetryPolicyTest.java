package com.callcentre.events.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void waitsDoubleUpToTheCapWithinTheJitter() {
    Backoff backoff = RetryPolicy.doubling(Duration.ofMillis(100), Duration.ofMillis(500)).backoff();
    long[] nominal = {100, 200, 400, 500, 500};
    for (long n : nominal) {
      assertThat(backoff.nextDelay().toMillis()).isBetween(n * 80 / 100, n * 120 / 100);
    }
  }

  @Test
  void resetStartsAgainFromTheFirstWait() {
    Backoff backoff = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(10), 0, 0).backoff();
    backoff.nextDelay();
    backoff.nextDelay();
    assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(400));
    backoff.reset();
    assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void jitterSpreadsTheWaits() {
    Backoff backoff = RetryPolicy.doubling(Duration.ofSeconds(1), Duration.ofSeconds(1)).backoff();
    List<Long> waits = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      waits.add(backoff.nextDelay().toMillis());
    }
    assertThat(waits).allSatisfy(w -> assertThat(w).isBetween(800L, 1200L));
    assertThat(waits.stream().distinct().count()).as("not all the same wait").isGreaterThan(5);
  }

  @Test
  void callRetriesRetryableFailuresUntilItWorks() {
    AtomicInteger attempts = new AtomicInteger();
    String result = policy(0).call(() -> "test", () -> {
      if (attempts.incrementAndGet() < 3) {
        throw new IllegalStateException("not yet");
      }
      return "done";
    }, e -> e instanceof IllegalStateException, () -> true);
    assertThat(result).isEqualTo("done");
    assertThat(attempts).hasValue(3);
  }

  @Test
  void callGivesUpAtOnceOnAFailureThatIsNotRetryable() {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() -> policy(0).call(() -> "test", () -> {
      attempts.incrementAndGet();
      throw new IllegalArgumentException("bad request");
    }, e -> e instanceof IllegalStateException, () -> true)).hasMessage("bad request");
    assertThat(attempts).hasValue(1);
  }

  @Test
  void callStopsAfterMaxAttemptsWithTheLastFailure() {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() -> policy(4).call(() -> "test", () -> {
      throw new IllegalStateException("still down " + attempts.incrementAndGet());
    }, e -> true, () -> true)).hasMessage("still down 4");
  }

  @Test
  void callStopsWhenNoLongerWanted() {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() -> policy(0).call(() -> "test", () -> {
      throw new IllegalStateException("down " + attempts.incrementAndGet());
    }, e -> true, () -> attempts.get() < 2)).hasMessage("down 2");
  }

  @Test
  void anInterruptedWaitEndsTheCallAndKeepsTheInterrupt() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> policy(0).call(() -> "test", () -> {
        throw new IllegalStateException("down");
      }, e -> true, () -> true)).hasMessage("down");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void nonsenseSettingsAreRefused() {
    assertThatThrownBy(() -> RetryPolicy.doubling(Duration.ZERO, Duration.ofSeconds(1))).hasMessageContaining("positive");
    assertThatThrownBy(() -> RetryPolicy.doubling(Duration.ofSeconds(2), Duration.ofSeconds(1))).hasMessageContaining("cap");
    assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 101, 0)).hasMessageContaining("jitter");
  }

  private static RetryPolicy policy(int attempts) {
    return RetryPolicy.doubling(Duration.ofMillis(1), Duration.ofMillis(4)).withMaxAttempts(attempts);
  }
}
