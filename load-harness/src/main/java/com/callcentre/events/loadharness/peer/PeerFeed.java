package com.callcentre.events.loadharness.peer;

import com.callcentre.events.loadharness.load.Extensions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The peer's load: events at a rate over the same extensions, published to Pushpin every 10 ms
 * with at most {@link #IN_FLIGHT} publish requests outstanding, as an origin with back-pressure
 * would: when Pushpin takes longer, the next request carries every event due by then, each stamped
 * when it was due, so Pushpin's own pace shows in its latency instead of piling up in this JVM.
 */
public final class PeerFeed implements AutoCloseable {
  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  static final int IN_FLIGHT = 8;
  private final java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(IN_FLIGHT);
  private final AtomicLong failed = new AtomicLong();
  private final GripOrigin origin;
  private final Extensions extensions;
  private final AtomicLong published = new AtomicLong();
  private volatile boolean running = true;
  private Thread thread;

  public PeerFeed(GripOrigin origin, Extensions extensions) {
    this.origin = origin;
    this.extensions = extensions;
  }

  public void start(int perSecond) {
    thread = Thread.ofPlatform().name("peer-feed").start(() -> {
      long start = System.nanoTime();
      java.time.Instant startedAt = java.time.Instant.now();
      long sent = 0;
      for (long tick = 1; running; tick++) {
        long wait = start + tick * TICK_NANOS - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        long due = tick * perSecond / 100;
        // The oldest event of the request was due then: every item carries that time.
        java.time.Instant dueAt = startedAt.plusNanos(sent * 1_000_000_000L / Math.max(1, perSecond));
        List<String> batch = new ArrayList<>();
        for (; sent < due; sent++) {
          batch.add(extensions.get((int) ((sent * 7919) % extensions.count())));
        }
        if (!batch.isEmpty() && inFlight.tryAcquire()) {
          int n = batch.size();
          origin.publish(batch, dueAt).onComplete(ar -> {
            inFlight.release();
            if (ar.succeeded()) {
              published.addAndGet(n);
            } else {
              failed.addAndGet(n);
            }
          });
        } else if (!batch.isEmpty()) {
          sent -= batch.size(); // all in flight: these go with the next request
        }
      }
    });
  }

  public long published() {
    return published.get();
  }

  public long failed() {
    return failed.get();
  }

  @Override
  public void close() {
    running = false;
    if (thread != null) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
