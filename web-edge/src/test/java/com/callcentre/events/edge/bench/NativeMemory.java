package com.callcentre.events.edge.bench;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One snapshot of a JVM's native memory tracking summary ({@code jcmd PID VM.native_memory
 * summary}; the JVM must run with {@code -XX:NativeMemoryTracking=summary}): committed KiB per area.
 * "Committed" is what the JVM asked the kernel for, not what it has touched: a heap committed at
 * start-up becomes resident page by page as the young generation first allocates in it, so RSS can
 * grow while no area does. {@link LiveHeap} tells the live objects apart from those pages.
 */
record NativeMemory(Map<String, Long> committedKb) {
  // "-                 Java Heap (reserved=1048576KB, committed=77824KB)"
  private static final Pattern AREA = Pattern.compile("^-\\s+(.+?) \\(reserved=\\d+KB, committed=(\\d+)KB");

  static NativeMemory of(long pid) throws IOException, InterruptedException {
    return parse(Jcmd.run(pid, "VM.native_memory", "summary"));
  }

  static NativeMemory parse(String summary) {
    Map<String, Long> areas = new LinkedHashMap<>();
    for (String line : summary.split("\n")) {
      Matcher m = AREA.matcher(line.stripLeading());
      if (m.find()) {
        areas.put(m.group(1).strip(), Long.parseLong(m.group(2)));
      }
    }
    if (areas.isEmpty()) {
      throw new IllegalStateException("no native memory areas in: " + summary.substring(0, Math.min(300, summary.length())));
    }
    return new NativeMemory(areas);
  }

  /** The areas that grew since {@code before}, in KiB per unit (e.g. per held request), largest first. */
  String growthPerUnit(NativeMemory before, int units) {
    return Growth.perUnit(before.committedKb, committedKb, units, Integer.MAX_VALUE);
  }
}
