package com.callcentre.events.replay.drive;

import com.callcentre.events.replay.ExitCode;
import com.callcentre.events.replay.ReplayException;
import java.util.Locale;

/**
 * How fast {@code drive} re-publishes: at the original pace ({@code 1x}), a multiple of it
 * ({@code 10x}, {@code 0.5x}), or as fast as possible ({@code max}).
 */
public record Pace(double speed) {
  public static final Pace ORIGINAL = new Pace(1);
  public static final Pace MAX = new Pace(Double.POSITIVE_INFINITY);

  public static Pace parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("max")) {
      return MAX;
    }
    if (t.equals("original")) {
      return ORIGINAL;
    }
    try {
      double speed = Double.parseDouble(t.endsWith("x") ? t.substring(0, t.length() - 1) : t);
      if (speed > 0 && Double.isFinite(speed)) {
        return new Pace(speed);
      }
    } catch (NumberFormatException e) {
      // fall through to the error
    }
    throw new ReplayException(ExitCode.USAGE, "--speed '" + text + "' is not a pace: use original, 2x, 0.5x or max");
  }

  /** Milliseconds after the start at which a record {@code originalOffsetMillis} into the range is sent. */
  public long sendAfterMillis(long originalOffsetMillis) {
    return Double.isInfinite(speed) ? 0 : (long) (originalOffsetMillis / speed);
  }
}
