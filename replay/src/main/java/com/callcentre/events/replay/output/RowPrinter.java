package com.callcentre.events.replay.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints rows as an aligned table, JSON lines or CSV. */
public final class RowPrinter {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A table cell longer than this is cut with an ellipsis; JSON and CSV are never cut. */
  static final int MAX_CELL = 40;

  private final PrintWriter out;
  private final Format format;

  public RowPrinter(PrintWriter out, Format format) {
    this.out = out;
    this.format = format;
  }

  /** Prints the rows; the table shows {@code tableColumns} (blank cells for missing values). */
  public void print(List<Row> rows, List<String> tableColumns) {
    switch (format) {
      case TABLE -> table(rows, tableColumns);
      case JSON -> rows.forEach(r -> out.println(json(r)));
      case CSV -> csv(rows);
    }
    out.flush();
  }

  private void table(List<Row> rows, List<String> columns) {
    if (rows.isEmpty()) {
      return;
    }
    List<String[]> cells = new ArrayList<>();
    cells.add(columns.toArray(String[]::new));
    for (Row r : rows) {
      cells.add(columns.stream().map(c -> cell(r.get(c))).toArray(String[]::new));
    }
    int[] width = new int[columns.size()];
    for (String[] line : cells) {
      for (int i = 0; i < line.length; i++) {
        width[i] = Math.max(width[i], line[i].length());
      }
    }
    for (String[] line : cells) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < line.length; i++) {
        b.append(i == line.length - 1 ? line[i] : String.format("%-" + width[i] + "s  ", line[i]));
      }
      out.println(b.toString().stripTrailing());
    }
  }

  static String cell(Object value) {
    String s = value == null ? "" : value.toString().replaceAll("[\\r\\n\\t]", " ");
    return s.length() > MAX_CELL ? s.substring(0, MAX_CELL - 1) + "…" : s;
  }

  private static String json(Row r) {
    try {
      return JSON.writeValueAsString(r.columns());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a row as JSON", e);
    }
  }

  private void csv(List<Row> rows) {
    List<String> columns = Row.columnsOf(rows);
    out.println(String.join(",", columns.stream().map(RowPrinter::csvField).toList()));
    for (Row r : rows) {
      out.println(String.join(",", columns.stream().map(c -> csvField(r.get(c) == null ? "" : r.get(c).toString())).toList()));
    }
  }

  static String csvField(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
