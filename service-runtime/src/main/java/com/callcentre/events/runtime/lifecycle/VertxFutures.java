package com.callcentre.events.runtime.lifecycle;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waiting on Vert.x futures from start-up and shutdown code, which runs off the event loops. */
public final class VertxFutures {
  private VertxFutures() {}

  /** The result, or an IllegalStateException saying what could not be done and why. */
  public static <T> T await(Future<T> future, Duration timeout, String what) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + ": interrupted", e);
    } catch (Exception e) {
      throw new IllegalStateException(what + ": " + (e.getCause() == null ? e : e.getCause()), e);
    }
  }

  /** Waits for a close, at most {@code timeout}, ignoring its failure: used while shutting down. */
  public static void awaitQuietly(Future<?> future, Duration timeout) {
    future.toCompletionStage().toCompletableFuture().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .exceptionally(e -> null).join();
  }
}
