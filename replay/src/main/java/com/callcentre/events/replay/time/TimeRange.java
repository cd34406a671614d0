package com.callcentre.events.replay.time;

import com.callcentre.events.replay.ExitCode;
import com.callcentre.events.replay.ReplayException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A half-open span of record times, {@code [from, to)}, from what an engineer types:
 * an ISO instant ({@code 2026-11-23T10:02:00Z}) or offset time, a local date-time
 * ({@code 2026-11-23T10:02} or {@code 2026-11-23 10:02}), a local time today ({@code 10:02},
 * {@code 10:02:30}), {@code now}, or a duration from now ({@code -15m}, {@code -2h}, {@code -1d},
 * {@code -90s}).
 */
public record TimeRange(Instant from, Instant to) {
  private static final Pattern RELATIVE = Pattern.compile("-(\\d+)(ms|s|m|h|d)");

  public TimeRange {
    if (!from.isBefore(to)) {
      throw new ReplayException(ExitCode.USAGE, "the time range is empty: --from " + from + " is not before --to " + to);
    }
  }

  public static TimeRange parse(String from, String to, Clock clock) {
    return new TimeRange(parseTime(from, "--from", clock), parseTime(to, "--to", clock));
  }

  /** One end of a range; the message of a bad one names the option and the accepted forms. */
  public static Instant parseTime(String text, String option, Clock clock) {
    String t = text.trim();
    ZoneId zone = clock.getZone();
    Instant now = clock.instant();
    if (t.equalsIgnoreCase("now")) {
      return now;
    }
    Matcher relative = RELATIVE.matcher(t.toLowerCase(Locale.ROOT));
    if (relative.matches()) {
      long n = Long.parseLong(relative.group(1));
      Duration back = switch (relative.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
      return now.minus(back);
    }
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException notInstant) {
      // try the next form
    }
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException notOffset) {
      // try the next form
    }
    try {
      return LocalDateTime.parse(t.replace(' ', 'T')).atZone(zone).toInstant();
    } catch (DateTimeParseException notLocal) {
      // try the next form
    }
    try {
      return LocalTime.parse(t).atDate(LocalDate.now(clock)).atZone(zone).toInstant();
    } catch (DateTimeParseException notTime) {
      throw new ReplayException(ExitCode.USAGE, option + " '" + text + "' is not a time: use 10:02, 2026-11-23T10:02, "
          + "2026-11-23T10:02:00Z, now, or a duration back from now like -15m, -2h, -1d");
    }
  }

  public boolean contains(long epochMillis) {
    return epochMillis >= from.toEpochMilli() && epochMillis < to.toEpochMilli();
  }

  /** The same range widened by {@code margin} at both ends (to catch what a later stage wrote). */
  public TimeRange widen(Duration margin) {
    return new TimeRange(from.minus(margin), to.plus(margin));
  }
}
