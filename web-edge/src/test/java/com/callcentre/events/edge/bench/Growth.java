package com.callcentre.events.edge.bench;

import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;

/** How named amounts grew between two snapshots, per unit (e.g. per held request). */
final class Growth {
  private Growth() {}

  /**
   * "total T KiB: name x KiB, ..." for the {@code top} names that grew most, largest first; each
   * amount is divided by {@code divisor} (units, times 1024 for amounts in bytes). The total counts
   * every name, those that shrank too.
   */
  static String perUnit(Map<String, Long> before, Map<String, Long> after, double divisor, int top) {
    return perUnit(before, after, divisor, top, name -> "");
  }

  /** As above, with {@code detail} appended to each name's figure. */
  static String perUnit(Map<String, Long> before, Map<String, Long> after, double divisor, int top,
      Function<String, String> detail) {
    StringJoiner grown = new StringJoiner(", ");
    after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(top)
        .forEach(e -> grown.add(String.format("%s %.2f%s", e.getKey(), e.getValue() / divisor, detail.apply(e.getKey()))));
    long total = after.values().stream().mapToLong(Long::longValue).sum()
        - before.values().stream().mapToLong(Long::longValue).sum();
    return String.format("total %.2f KiB: %s", total / divisor, grown);
  }
}
