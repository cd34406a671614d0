package com.callcentre.events.infra.internal;

import com.callcentre.events.infra.process.ChildJvm;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a readiness probe until it answers, the child dies, or time runs out. */
public final class Waits {
  private Waits() {}

  public static void until(String what, Duration timeout, ChildJvm child, BooleanSupplier ready) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      child.checkAlive();
      if (ready.getAsBoolean()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + " not ready after " + timeout.toSeconds() + " s; last log lines:\n"
            + child.logTail(40));
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      }
    }
  }
}
