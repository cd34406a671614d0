package com.callcentre.events.replay.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowPrinterTest {
  private final List<Row> rows = List.of(
      new Row(1).put("time", "10:02").put("event", "C_CONNECTED").put("calling", "3035551212"),
      new Row(2).put("time", "10:03").put("event", "C_DROP").put("detail", "a \"quoted\", comma"));

  private String print(Format format) {
    StringWriter text = new StringWriter();
    new RowPrinter(new PrintWriter(text), format).print(rows, List.of("time", "event", "calling"));
    return text.toString();
  }

  @Test
  void theTableIsAlignedWithBlankCellsForMissingValues() {
    assertThat(print(Format.TABLE).lines()).containsExactly(
        "time   event        calling",
        "10:02  C_CONNECTED  3035551212",
        "10:03  C_DROP");
  }

  @Test
  void csvCarriesEveryColumnAndQuotesWhatNeedsIt() {
    assertThat(print(Format.CSV).lines()).containsExactly(
        "time,event,calling,detail",
        "10:02,C_CONNECTED,3035551212,",
        "10:03,C_DROP,,\"a \"\"quoted\"\", comma\"");
  }

  @Test
  void jsonLinesCarryEveryField() {
    assertThat(print(Format.JSON).lines()).containsExactly(
        "{\"time\":\"10:02\",\"event\":\"C_CONNECTED\",\"calling\":\"3035551212\"}",
        "{\"time\":\"10:03\",\"event\":\"C_DROP\",\"detail\":\"a \\\"quoted\\\", comma\"}");
  }

  @Test
  void longOrMultiLineCellsAreCutInTheTableOnly() {
    assertThat(RowPrinter.cell("x".repeat(100))).hasSize(RowPrinter.MAX_CELL).endsWith("…");
    assertThat(RowPrinter.cell("two\nlines")).isEqualTo("two lines");
  }
}
