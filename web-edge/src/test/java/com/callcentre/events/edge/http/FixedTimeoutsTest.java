package com.callcentre.events.edge.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FixedTimeoutsTest {
  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void firesEachAfterItsLengthOnItsContextInStartOrder() throws Exception {
    Duration length = Duration.ofMillis(150);
    List<String> fired = new CopyOnWriteArrayList<>();
    long[] startedAt = new long[3];
    long[] firedAt = new long[3];
    CompletableFuture<Void> all = new CompletableFuture<>();
    for (int i = 0; i < 3; i++) {
      int n = i;
      onContext(() -> {
        startedAt[n] = System.nanoTime();
        return FixedTimeouts.on(context, length).start(() -> {
          firedAt[n] = System.nanoTime();
          fired.add(n + (Vertx.currentContext() == context ? " on its context" : " elsewhere"));
          if (fired.size() == 3) {
            all.complete(null);
          }
        });
      });
      Thread.sleep(40);
    }

    all.get(5, TimeUnit.SECONDS);

    assertThat(fired).containsExactly("0 on its context", "1 on its context", "2 on its context");
    for (int i = 0; i < 3; i++) {
      assertThat(firedAt[i] - startedAt[i]).isGreaterThanOrEqualTo(length.toNanos());
    }
  }

  @Test
  void aCancelledTimeoutNeverRuns() throws Exception {
    Duration length = Duration.ofMillis(100);
    List<String> fired = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> kept = new CompletableFuture<>();
    FixedTimeouts.Timeout cancelled = onContext(() -> FixedTimeouts.on(context, length).start(() -> fired.add("cancelled")));
    onContext(() -> FixedTimeouts.on(context, length).start(() -> {
      fired.add("kept");
      kept.complete(null);
    }));
    onContext(() -> {
      cancelled.cancel();
      cancelled.cancel(); // a second cancel changes nothing
      return null;
    });
    assertThat(onContext(() -> FixedTimeouts.on(context, length).pending())).isEqualTo(1);

    kept.get(5, TimeUnit.SECONDS);
    Thread.sleep(2 * FixedTimeouts.COALESCE.toMillis());

    assertThat(fired).containsExactly("kept");
    assertThat(onContext(() -> FixedTimeouts.on(context, length).pending())).isZero();
  }

  @Test
  void cancelledEntriesAreSweptOnceTheyAreMostOfALongQueue() throws Exception {
    FixedTimeouts timeouts = onContext(() -> FixedTimeouts.on(context, Duration.ofMinutes(1)));
    int started = 2 * FixedTimeouts.SWEEP_AT;
    List<FixedTimeouts.Timeout> all = onContext(() -> {
      List<FixedTimeouts.Timeout> list = new ArrayList<>();
      for (int i = 0; i < started; i++) {
        list.add(timeouts.start(() -> {}));
      }
      return list;
    });

    onContext(() -> {
      all.subList(0, started * 3 / 4).forEach(FixedTimeouts.Timeout::cancel);
      return null;
    });

    assertThat(onContext(timeouts::pending)).isEqualTo(started / 4);
    assertThat(onContext(timeouts::queued)).isLessThan(started / 2); // not the 2,048 entries started
  }

  @Test
  void anActionThatThrowsDoesNotStopTheOthers() throws Exception {
    CompletableFuture<String> after = new CompletableFuture<>();
    onContext(() -> {
      FixedTimeouts timeouts = FixedTimeouts.on(context, Duration.ofMillis(50));
      timeouts.start(() -> {
        throw new IllegalStateException("boom (expected by the test)");
      });
      return timeouts.start(() -> after.complete("ran"));
    });

    assertThat(after.get(5, TimeUnit.SECONDS)).isEqualTo("ran");
  }

  @Test
  void oneQueuePerContextAndLength() throws Exception {
    Context other = vertx.getOrCreateContext();
    FixedTimeouts a = onContext(() -> FixedTimeouts.on(context, Duration.ofSeconds(30)));

    assertThat(onContext(() -> FixedTimeouts.on(context, Duration.ofSeconds(30)))).isSameAs(a);
    assertThat(onContext(() -> FixedTimeouts.on(context, Duration.ofSeconds(5)))).isNotSameAs(a);
    CompletableFuture<FixedTimeouts> onOther = new CompletableFuture<>();
    other.runOnContext(v -> onOther.complete(FixedTimeouts.on(other, Duration.ofSeconds(30))));
    assertThat(onOther.get(5, TimeUnit.SECONDS)).isNotSameAs(a);
  }

  private <T> T onContext(Supplier<T> work) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        result.complete(work.get());
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    return result.get(5, TimeUnit.SECONDS);
  }
}
