package com.callcentre.events.loadharness.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Appends one row per run to the load-harness table of {@code docs/benchmarks.md}, creating the
 * table the first time: date, machine, the command, and the run's main figures.
 */
public final class BenchmarksDoc {
  static final String HEADING = "## Load harness runs (`bin/bench`, appended by the harness)";
  private static final String TABLE_HEAD = """
      | date (UTC) | machine | command | figures | summary |
      |---|---|---|---|---|
      """;

  private BenchmarksDoc() {}

  public static void append(Path doc, String date, String machine, String command, List<String> figures, String summaryFile)
      throws IOException {
    String text = Files.exists(doc) ? Files.readString(doc) : "# Benchmarks\n";
    String row = "| " + date + " | " + machine + " | `" + command + "` | " + String.join("; ", figures).replace("|", "/")
        + " | " + summaryFile + " |\n";
    int at = text.indexOf(HEADING);
    if (at < 0) {
      text = text.stripTrailing() + "\n\n" + HEADING + "\n\n" + TABLE_HEAD + row;
    } else {
      // After the last row of this table: the first blank line or heading after it, or the end.
      int tableStart = text.indexOf("|---", at);
      int end = text.indexOf("\n\n", tableStart);
      end = end < 0 ? text.length() : end + 1;
      text = text.substring(0, end) + row + text.substring(end);
    }
    Files.writeString(doc, text.endsWith("\n") ? text : text + "\n");
  }
}
