package com.callcentre.events.loadharness.report;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress and figures on the console, each line stamped with the time of day. */
public final class Console {
  public void line(String format, Object... args) {
    System.out.println("[" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + String.format(format, args));
  }

  /** A table: a header row, then rows; columns padded to their widest cell. */
  public void table(java.util.List<String> header, java.util.List<java.util.List<String>> rows) {
    int[] widths = new int[header.size()];
    for (int i = 0; i < header.size(); i++) {
      widths[i] = header.get(i).length();
      for (java.util.List<String> r : rows) {
        widths[i] = Math.max(widths[i], r.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    appendRow(out, header, widths);
    for (int w : widths) {
      out.append("-".repeat(w)).append("  ");
    }
    out.append('\n');
    rows.forEach(r -> appendRow(out, r, widths));
    System.out.print(out);
  }

  private static void appendRow(StringBuilder out, java.util.List<String> cells, int[] widths) {
    for (int i = 0; i < cells.size(); i++) {
      out.append(String.format("%-" + widths[i] + "s  ", cells.get(i)));
    }
    out.append('\n');
  }
}
