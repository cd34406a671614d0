package com.callcentre.events.edge.http;

import io.vertx.core.Context;
import java.time.Duration;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Timeouts of one fixed length on one event loop, for requests held by the thousand: a queue in
 * start order and a single Vert.x timer for its head, instead of a timer per request.
 *
 * <p>Every timeout has the same length, so a later start is a later deadline and the queue is
 * always in deadline order: adding is an append, expiring takes from the head, and a cancel only
 * marks the entry. A Vert.x timer per held long-poll was a timer handler, an entry in Vert.x's timer
 * map and a task in Netty's scheduled queue, whose cancel re-sorted that queue: 14 % of the answer's
 * own CPU when 10,000 were woken at once (docs/benchmarks.md, #11 seventh round). A timeout fires at
 * most {@link #COALESCE} late, so that those due together expire in one pass.
 *
 * <p>Confined to its context's thread: {@link #on} keeps one per context and length.
 */
public final class FixedTimeouts {
  private static final Logger log = LoggerFactory.getLogger(FixedTimeouts.class);
  static final Duration COALESCE = Duration.ofMillis(10);
  /** A queue this long or longer is swept of cancelled entries once they are most of it. */
  static final int SWEEP_AT = 1024;

  private final Context context;
  private final long lengthNanos;
  private final ArrayDeque<Timeout> queue = new ArrayDeque<>();
  private int cancelled;
  private boolean armed;

  private FixedTimeouts(Context context, Duration length) {
    this.context = context;
    this.lengthNanos = length.toNanos();
  }

  /** The context's timeouts of this length; call on the context's thread. */
  public static FixedTimeouts on(Context context, Duration length) {
    Key key = new Key(length); // a record, not a built string: this runs once per held request
    FixedTimeouts timeouts = context.get(key);
    if (timeouts == null) {
      timeouts = new FixedTimeouts(context, length);
      context.put(key, timeouts);
    }
    return timeouts;
  }

  /** The context data key of one length's queue. */
  private record Key(Duration length) {}

  /** Runs {@code action} on this context once the length has passed, unless cancelled first. */
  public Timeout start(Runnable action) {
    Timeout timeout = new Timeout(System.nanoTime() + lengthNanos, action);
    queue.addLast(timeout);
    if (!armed) {
      arm(timeout.deadlineNanos);
    }
    return timeout;
  }

  /** Timeouts started and neither expired nor cancelled. */
  public int pending() {
    return queue.size() - cancelled;
  }

  /** Entries the queue holds, cancelled ones included until they are swept or due. */
  int queued() {
    return queue.size();
  }

  private void arm(long deadlineNanos) {
    armed = true;
    long delayMs = Math.max(1, Duration.ofNanos(deadlineNanos - System.nanoTime()).plus(COALESCE).toMillis());
    context.owner().setTimer(delayMs, id -> expire()); // called on the context: the timer fires on it
  }

  private void expire() {
    armed = false;
    long now = System.nanoTime();
    for (Timeout head; (head = queue.peekFirst()) != null && head.deadlineNanos - now <= 0; ) {
      queue.pollFirst();
      Runnable action = head.action;
      if (action == null) {
        cancelled--;
        continue;
      }
      head.action = null;
      try {
        action.run();
      } catch (RuntimeException e) {
        log.error("a timeout's action failed; the other timeouts go on", e);
      }
    }
    Timeout next = queue.peekFirst();
    if (next != null) {
      arm(next.deadlineNanos);
    }
  }

  /** Answered requests leave their cancelled entries behind until due; this drops them sooner. */
  private void sweepIfMostlyCancelled() {
    if (queue.size() >= SWEEP_AT && cancelled * 2 > queue.size()) {
      queue.removeIf(t -> t.action == null);
      cancelled = 0;
    }
  }

  /** One started timeout. */
  public final class Timeout {
    private final long deadlineNanos;
    private Runnable action;

    private Timeout(long deadlineNanos, Runnable action) {
      this.deadlineNanos = deadlineNanos;
      this.action = action;
    }

    /** Stops the action from running; does nothing once it ran or was cancelled. */
    public void cancel() {
      if (action != null) {
        action = null;
        cancelled++;
        sweepIfMostlyCancelled();
      }
    }
  }
}
