package com.callcentre.events.loadharness.measure;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the kernel's scheduler says of a process and of the box: time its threads ran, and time
 * they were ready to run but waited for a core ({@code /proc/PID/task/TID/schedstat}); and how long
 * some task on the box waited for a core ({@code /proc/pressure/cpu}). On a box whose cores are all
 * in use, a stalled thread shows as waiting here, not as running or as paused by its collector.
 */
public final class RunQueue {
  /** A process's threads' time on a core and time ready but waiting, in ns, summed over its live threads. */
  public record Times(long cpuNanos, long waitNanos) {
    public static final Times NONE = new Times(0, 0);

    public Times plus(Times o) {
      return new Times(cpuNanos + o.cpuNanos, waitNanos + o.waitNanos);
    }
  }

  private RunQueue() {}

  /** The process's threads now; a process that has gone counts as {@link Times#NONE}. */
  public static Times of(long pid) {
    Times sum = Times.NONE;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks) {
        try {
          sum = sum.plus(parseSchedstat(Files.readString(task.resolve("schedstat"))));
        } catch (IOException | RuntimeException threadEnded) {
          // A thread that ended between the listing and the read: its time is no longer counted by anyone.
        }
      }
    } catch (IOException | RuntimeException gone) {
      return Times.NONE;
    }
    return sum;
  }

  /** {@code schedstat}: ns on a core, ns waiting on a run queue, time slices. */
  static Times parseSchedstat(String text) {
    String[] f = text.trim().split("\\s+");
    return new Times(Long.parseLong(f[0]), Long.parseLong(f[1]));
  }

  /**
   * The "some" total of {@code /proc/pressure/cpu}: µs in which at least one runnable task waited
   * for a core, since boot; -1 where the kernel has no pressure information.
   */
  public static long pressureMicros() {
    try {
      return parsePressure(Files.readString(Path.of("/proc/pressure/cpu")));
    } catch (IOException | RuntimeException absent) {
      return -1;
    }
  }

  static long parsePressure(String text) {
    for (String line : text.split("\n")) {
      if (line.startsWith("some ")) {
        for (String field : line.split(" ")) {
          if (field.startsWith("total=")) {
            return Long.parseLong(field.substring("total=".length()));
          }
        }
      }
    }
    throw new IllegalArgumentException("no 'some ... total=' line in " + text);
  }
}
