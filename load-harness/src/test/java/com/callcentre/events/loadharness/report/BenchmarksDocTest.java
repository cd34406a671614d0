package com.callcentre.events.loadharness.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarksDocTest {
  @Test
  void theFirstRunMakesTheTableAndLaterRunsAddRowsToIt(@TempDir Path dir) throws Exception {
    Path doc = dir.resolve("benchmarks.md");
    Files.writeString(doc, "# Benchmarks\n\nearlier figures\n");
    BenchmarksDoc.append(doc, "2026-11-24T00:00:00Z", "2 cores", "bin/bench held", List.of("held 100,000", "a | b"), "h.json");
    Files.writeString(doc, Files.readString(doc) + "\n## Later section\n\ntext\n");
    BenchmarksDoc.append(doc, "2026-11-24T01:00:00Z", "2 cores", "bin/bench latency", List.of("p99 40 ms"), "l.json");
    List<String> lines = Files.readAllLines(doc);
    int heading = lines.indexOf(BenchmarksDoc.HEADING);
    assertThat(heading).isPositive();
    assertThat(lines.get(heading + 4)).isEqualTo("| 2026-11-24T00:00:00Z | 2 cores | `bin/bench held` | held 100,000; a / b | h.json |");
    assertThat(lines.get(heading + 5)).startsWith("| 2026-11-24T01:00:00Z | 2 cores | `bin/bench latency` | p99 40 ms");
    assertThat(lines).contains("earlier figures", "## Later section");
    assertThat(lines.indexOf("## Later section")).isGreaterThan(heading + 5);
  }
}
