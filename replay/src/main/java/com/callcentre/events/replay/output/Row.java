package com.callcentre.events.replay.output;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of output: named columns in order. The table shows the columns it is told to; JSON
 * lines and CSV carry every column.
 */
public final class Row {
  private final long sortTime;
  private final Map<String, Object> columns = new LinkedHashMap<>();

  public Row(long sortTime) {
    this.sortTime = sortTime;
  }

  public Row put(String column, Object value) {
    columns.put(column, value);
    return this;
  }

  public long sortTime() {
    return sortTime;
  }

  public Object get(String column) {
    return columns.get(column);
  }

  public Map<String, Object> columns() {
    return columns;
  }

  /** Every column any of the rows has, in first-seen order. */
  public static List<String> columnsOf(List<Row> rows) {
    java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
    rows.forEach(r -> all.addAll(r.columns.keySet()));
    return List.copyOf(all);
  }
}
