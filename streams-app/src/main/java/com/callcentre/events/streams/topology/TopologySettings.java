package com.callcentre.events.streams.topology;

import java.time.Duration;

/**
 * The knobs of the topology itself (not of the Kafka client).
 *
 * @param dedupeWindow     how long an event uuid is remembered for dropping repeats (default 1 h)
 * @param callTimeout      a call with no end is closed this long after its last event (default 2 h)
 * @param callSweepInterval how often open calls are checked against the timeout (default 30 s)
 */
public record TopologySettings(Duration dedupeWindow, Duration callTimeout, Duration callSweepInterval) {
  public static TopologySettings defaults() {
    return new TopologySettings(Duration.ofHours(1), Duration.ofHours(2), Duration.ofSeconds(30));
  }
}
