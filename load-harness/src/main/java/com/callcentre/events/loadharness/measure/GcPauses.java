package com.callcentre.events.loadharness.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Stop-the-world pauses from a JVM's unified GC log ({@code -Xlog:gc:file=...:uptime}) within a span of its uptime. */
public record GcPauses(int count, double totalMs, double maxMs) {
  private static final Pattern LINE = Pattern.compile("^\\[([0-9.]+)s\\].*Pause.* ([0-9.]+)ms$");

  /** The pauses that began at or after {@code fromUptimeSeconds} and before {@code untilUptimeSeconds}. */
  public static GcPauses read(Path log, double fromUptimeSeconds, double untilUptimeSeconds) {
    int count = 0;
    double total = 0;
    double max = 0;
    try {
      for (String line : Files.readAllLines(log)) {
        Matcher m = LINE.matcher(line);
        if (m.matches() && Double.parseDouble(m.group(1)) >= fromUptimeSeconds
            && Double.parseDouble(m.group(1)) < untilUptimeSeconds) {
          double ms = Double.parseDouble(m.group(2));
          count++;
          total += ms;
          max = Math.max(max, ms);
        }
      }
    } catch (IOException | RuntimeException unreadable) {
      return new GcPauses(0, 0, 0);
    }
    return new GcPauses(count, total, max);
  }
}
