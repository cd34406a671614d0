package com.callcentre.events.replay.time;

import java.time.Clock;
import picocli.CommandLine.Option;

/** {@code --from} and {@code --to}, as every subcommand takes them. */
public final class RangeOptions {
  @Option(names = "--from", paramLabel = "TIME", defaultValue = "-15m",
      description = "start of the range (inclusive): 10:02, 2026-11-23T10:02, an ISO instant, now, or -15m/-2h/-1d "
          + "(default: ${DEFAULT-VALUE})")
  String from;

  @Option(names = "--to", paramLabel = "TIME", defaultValue = "now",
      description = "end of the range (exclusive), same forms (default: ${DEFAULT-VALUE})")
  String to;

  public TimeRange range(Clock clock) {
    return TimeRange.parse(from, to, clock);
  }
}
