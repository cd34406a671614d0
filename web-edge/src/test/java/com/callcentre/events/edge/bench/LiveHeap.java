package com.callcentre.events.edge.bench;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live objects in a JVM's heap by class, from {@code jcmd PID GC.class_histogram}. The
 * histogram runs a full GC first, so it is taken only after the figures it would disturb.
 */
record LiveHeap(long totalBytes, Map<String, Long> bytesByClass, Map<String, Long> instancesByClass) {
  // "   1:        123456       98765432  [B (java.base@21)"
  private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
  // "Total       1234567      98765432"
  private static final Pattern TOTAL = Pattern.compile("^Total\\s+\\d+\\s+(\\d+)");

  static LiveHeap of(long pid) throws IOException, InterruptedException {
    return parse(Jcmd.run(pid, "GC.class_histogram"));
  }

  static LiveHeap parse(String histogram) {
    Map<String, Long> byClass = new LinkedHashMap<>();
    Map<String, Long> instances = new LinkedHashMap<>();
    Long total = null;
    for (String line : histogram.split("\n")) {
      Matcher row = ROW.matcher(line);
      Matcher sum = TOTAL.matcher(line);
      if (row.find()) {
        byClass.put(row.group(3), Long.parseLong(row.group(2)));
        instances.put(row.group(3), Long.parseLong(row.group(1)));
      } else if (sum.find()) {
        total = Long.parseLong(sum.group(1));
      }
    }
    if (total == null || byClass.isEmpty()) {
      throw new IllegalStateException("not a class histogram (no rows or no Total line): "
          + histogram.substring(0, Math.min(300, histogram.length())));
    }
    return new LiveHeap(total, byClass, instances);
  }

  /**
   * The {@code top} classes whose live bytes grew most since {@code before}, in KiB per unit, each
   * with how many more instances per unit ("java.util.HashMap 0.23 (x5.0)": five maps per request).
   */
  String growthPerUnit(LiveHeap before, int units, int top) {
    return Growth.perUnit(before.bytesByClass, bytesByClass, 1024.0 * units, top, name -> String.format(" (x%.1f)",
        (instancesByClass.getOrDefault(name, 0L) - before.instancesByClass.getOrDefault(name, 0L)) / (double) units));
  }
}
