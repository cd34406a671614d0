package com.callcentre.events.loadharness.peer;

import com.callcentre.events.loadharness.load.Extensions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** The peer's load: events at a rate over the same extensions, published to Pushpin every 10 ms. */
public final class PeerFeed implements AutoCloseable {
  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
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
      long sent = 0;
      for (long tick = 1; running; tick++) {
        long wait = start + tick * TICK_NANOS - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        long due = tick * perSecond / 100;
        List<String> batch = new ArrayList<>();
        for (; sent < due; sent++) {
          batch.add(extensions.get((int) ((sent * 7919) % extensions.count())));
        }
        if (!batch.isEmpty()) {
          origin.publish(batch);
          published.addAndGet(batch.size());
        }
      }
    });
  }

  public long published() {
    return published.get();
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
