package com.callcentre.events.loadharness.measure;

/** Reads sums out of a Prometheus text exposition (a service's /metrics). */
public final class PromText {
  private PromText() {}

  /** The sum of every sample of {@code metric} whose labels contain all of {@code labelParts}. */
  public static double sum(String text, String metric, String... labelParts) {
    double total = 0;
    for (String line : text.split("\n")) {
      if (!line.startsWith(metric) || line.length() == metric.length()) {
        continue;
      }
      char next = line.charAt(metric.length());
      if (next != '{' && next != ' ') {
        continue; // a longer name with this prefix
      }
      boolean all = true;
      for (String part : labelParts) {
        all &= line.contains(part);
      }
      if (all) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }
}
