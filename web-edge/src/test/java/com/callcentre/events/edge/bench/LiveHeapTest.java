package com.callcentre.events.edge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The benchmark's readings of jcmd's output, on output copied from a JDK 25 run. */
class LiveHeapTest {
  private static String histogram(long strings, long stringBytes, long maps, long total) {
    return "1788:\n"
        + " num     #instances         #bytes  class name (module)\n"
        + "-------------------------------------------------------\n"
        + "   1:          8719         387992  [B (java.base@25.0.3)\n"
        + "   2:   " + strings + "   " + stringBytes + "  java.lang.String (java.base@25.0.3)\n"
        + "   3:   " + maps + "   " + maps * 48 + "  java.util.HashMap (java.base@25.0.3)\n"
        + "Total         27931        " + total + "\n";
  }

  @Test
  void growthPerRequestCountsBytesAndInstancesPerUnit() {
    LiveHeap before = LiveHeap.parse(histogram(8643, 207432, 0, 1_000_000));
    LiveHeap after = LiveHeap.parse(histogram(8643 + 2000, 207432 + 48_000, 5000, 1_288_000));

    assertThat(after.totalBytes()).isEqualTo(1_288_000);
    // 1,000 requests: 240,000 bytes of maps (5 each) and 48,000 of strings (2 each) more.
    assertThat(after.growthPerUnit(before, 1000, 10))
        .isEqualTo("total 0.28 KiB: java.util.HashMap 0.23 (x5.0), java.lang.String 0.05 (x2.0)");
    assertThat(after.growthPerUnit(before, 1000, 1)).isEqualTo("total 0.28 KiB: java.util.HashMap 0.23 (x5.0)");
  }

  @Test
  void somethingElseThanAHistogramIsRefused() {
    assertThatThrownBy(() -> LiveHeap.parse("1788:\nCould not find any processes\n"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not a class histogram");
  }

  @Test
  void nativeMemoryAreasAreReadFromTheSummary() {
    String idle = """
        Total: reserved=7730845KB, committed=464505KB
               malloc: 7977KB #5085, peak=7888KB #5087
        -                 Java Heap (reserved=6172672KB, committed=393216KB)
                                    (mmap: reserved=6172672KB, committed=393216KB, at peak)
        -                    Thread (reserved=18491KB, committed=899KB)
                                    (stack: reserved=18432KB, committed=840KB, peak=840KB)
        """;
    NativeMemory before = NativeMemory.parse(idle);
    NativeMemory after = NativeMemory.parse(idle.replace("committed=899KB", "committed=2899KB"));

    assertThat(before.committedKb()).containsOnlyKeys("Java Heap", "Thread").containsEntry("Java Heap", 393216L);
    assertThat(after.growthPerUnit(before, 1000)).isEqualTo("total 2.00 KiB: Thread 2.00");
    assertThatThrownBy(() -> NativeMemory.parse("Native memory tracking is not enabled\n"))
        .isInstanceOf(IllegalStateException.class);
  }
}
