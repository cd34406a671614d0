package com.callcentre.events.runtime.config;

import java.time.Duration;
import java.util.Locale;

/** The one duration syntax of every setting: {@code 250} (ms), {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 7d}. */
public final class Durations {
  private Durations() {}

  public static Duration parse(String text) {
    String v = text.trim().toLowerCase(Locale.ROOT);
    if (v.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
    }
    long amount = v.isEmpty() || Character.isDigit(v.charAt(v.length() - 1)) ? Long.MIN_VALUE
        : Long.parseLong(v.substring(0, v.length() - 1));
    return switch (v.isEmpty() ? ' ' : v.charAt(v.length() - 1)) {
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      case 'h' -> Duration.ofHours(amount);
      case 'd' -> Duration.ofDays(amount);
      default -> Duration.ofMillis(Long.parseLong(v));
    };
  }

  /** The shortest exact form: 20ms, 30s, 5m, 1h. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms != 0 && ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms != 0 && ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms != 0 && ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
