package com.callcentre.events.schemas.events;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The uuids the ingest services give the events they create: version 7 (RFC 9562), whose first 48
 * bits are the Unix time in milliseconds, so uuids made later sort later, also as text.
 *
 * <p>Why it matters: the streams-app remembers every uuid for its de-duplication window in a
 * RocksDB window store keyed by the uuid. With random (version 4) uuids every insert lands at a
 * random place in the memtable's skip list: a quarter of the sequencing thread's time on a backlog;
 * in time order each lands next to the last one, and the insert fell to 0.5 % (docs/benchmarks.md,
 * #11, ninth round). A uuid is still unique without coordination: 62 random bits below the time and a counter.
 *
 * <p>Within one generator the uuids strictly increase: the 12 bits after the version count up
 * within a millisecond (RFC 9562, section 6.2, method 1), borrowing the next millisecond if 4,096
 * were made in one, and a clock that steps back does not make them go back.
 */
public final class EventUuids {
  private static final EventUuids SYSTEM = new EventUuids(System::currentTimeMillis, new SecureRandom());

  private final LongSupplier clock;
  private final SecureRandom random;
  /** The last uuid's time and counter: milliseconds shifted left by 12, plus the counter. */
  private final AtomicLong lastTimeAndCounter = new AtomicLong();

  EventUuids(LongSupplier clock, SecureRandom random) {
    this.clock = clock;
    this.random = random;
  }

  /** A new version 7 uuid, as the text the events carry. */
  public static String next() {
    return SYSTEM.nextUuid().toString();
  }

  UUID nextUuid() {
    long now = clock.getAsLong() << 12;
    long timeAndCounter = lastTimeAndCounter.updateAndGet(last -> Math.max(now, last + 1));
    long ms = timeAndCounter >>> 12;
    long counter = timeAndCounter & 0xFFF;
    long high = (ms & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | counter;
    long low = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
    return new UUID(high, low);
  }
}
