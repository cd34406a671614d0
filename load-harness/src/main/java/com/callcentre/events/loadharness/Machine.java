package com.callcentre.events.loadharness;

import java.nio.file.Files;
import java.nio.file.Path;

/** A line saying what a run ran on: cores, memory, kernel, JDK. */
final class Machine {
  private Machine() {}

  static String describe() {
    long memKb = 0;
    try {
      memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(0L);
    } catch (Exception unreadable) {
      // not Linux: leave memory out
    }
    return String.format("%d cores, %d GiB, Linux %s, JDK %s", Runtime.getRuntime().availableProcessors(),
        Math.round(memKb / 1048576.0), System.getProperty("os.version"), System.getProperty("java.version"));
  }
}
