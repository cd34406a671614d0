package com.callcentre.events.infra.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A process's resident memory and CPU time from /proc, with its descendants when asked (Pushpin
 * is a launcher and its services). A process that has gone counts as zero.
 */
public record ProcessStats(long rssBytes, long cpuNanos) {
  /** USER_HZ: the unit of /proc/PID/stat's times; 100 on every Linux this runs on. */
  private static final long TICK_NANOS = 10_000_000L;

  public static ProcessStats of(long pid) {
    try {
      long rssKb = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(0L);
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // Fields after the command (which may hold spaces) start after its closing parenthesis.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
      return new ProcessStats(rssKb * 1024, ticks * TICK_NANOS);
    } catch (IOException | RuntimeException gone) {
      return new ProcessStats(0, 0);
    }
  }

  public static ProcessStats ofTree(long pid) {
    List<Long> pids = Stream.concat(Stream.of(pid), ProcessHandle.of(pid).stream()
        .flatMap(ProcessHandle::descendants).map(ProcessHandle::pid)).toList();
    return pids.stream().map(ProcessStats::of).reduce(new ProcessStats(0, 0), ProcessStats::plus);
  }

  public ProcessStats plus(ProcessStats o) {
    return new ProcessStats(rssBytes + o.rssBytes, cpuNanos + o.cpuNanos);
  }

  public ProcessStats minus(ProcessStats o) {
    return new ProcessStats(rssBytes - o.rssBytes, cpuNanos - o.cpuNanos);
  }
}
