package com.callcentre.events.loadharness.measure;

import static org.assertj.core.api.Assertions.assertThat;

import com.callcentre.events.infra.process.ProcessStats;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the harness reads from the processes: Prometheus text, GC logs, /proc. */
class MeasureParsersTest {
  @Test
  void sumsASeriesAcrossLabelsAndIgnoresLongerNames() {
    String text = """
        # HELP edge_connections Open connections
        edge_connections{kind="longpoll",service="web-edge"} 120.0
        edge_connections{kind="sse",service="web-edge"} 30.0
        edge_connections_total{kind="sse"} 999.0
        jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1000.0
        jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 5000.0
        jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 500.0
        """;
    assertThat(PromText.sum(text, "edge_connections")).isEqualTo(150.0);
    assertThat(PromText.sum(text, "edge_connections", "kind=\"sse\"")).isEqualTo(30.0);
    assertThat(PromText.sum(text, "jvm_memory_used_bytes", "area=\"heap\"")).isEqualTo(1500.0);
    assertThat(PromText.sum(text, "absent")).isZero();
  }

  @Test
  void gcPausesWithinASpanOfTheJvmsUptime(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("gc.log");
    Files.writeString(log, """
        [0.012s][info][gc] Using G1
        [1.500s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->4M(256M) 3.456ms
        [12.250s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 30M->6M(256M) 7.500ms
        [13.000s][info][gc] GC(2) Pause Remark 40M->40M(256M) 1.250ms
        [13.100s][info][gc] GC(2) Concurrent Mark Cycle 85.123ms
        """);
    GcPauses p = GcPauses.read(log, 10.0, 20.0);
    assertThat(p.count()).isEqualTo(2);
    assertThat(p.totalMs()).isEqualTo(8.75);
    assertThat(p.maxMs()).isEqualTo(7.5);
    assertThat(GcPauses.read(log, 10.0, 13.0)).isEqualTo(new GcPauses(1, 7.5, 7.5));
    assertThat(GcPauses.read(dir.resolve("missing.log"), 0, 20)).isEqualTo(new GcPauses(0, 0, 0));
  }

  @Test
  void readsItsOwnProcessFromProc() {
    ProcessStats self = ProcessStats.of(ProcessHandle.current().pid());
    assertThat(self.rssBytes()).isGreaterThan(10L << 20);
    assertThat(self.cpuNanos()).isPositive();
    assertThat(ProcessStats.of(Long.MAX_VALUE)).isEqualTo(new ProcessStats(0, 0));
  }

  @Test
  void histogramsSurviveTheTripFromAClientAndMerge() {
    Latencies a = new Latencies();
    Latencies b = new Latencies();
    for (int i = 1; i <= 100; i++) {
      a.record("websocket", Latencies.Part.TOTAL, i * 1000L);
      b.record("websocket", Latencies.Part.TOTAL, 1_000_000L);
    }
    Latencies merged = new Latencies();
    merged.addEncoded(a.encode());
    merged.addEncoded(b.encode());
    var total = merged.overall(Latencies.Part.TOTAL);
    assertThat(total.getTotalCount()).isEqualTo(200);
    // three significant digits: within 0.1 %
    assertThat(Latencies.summary(total).getDouble("max")).isCloseTo(1000.0, org.assertj.core.data.Offset.offset(1.0));
    assertThat(Latencies.summary(total).getDouble("p50")).isCloseTo(100.0, org.assertj.core.data.Offset.offset(0.1));
  }
}
