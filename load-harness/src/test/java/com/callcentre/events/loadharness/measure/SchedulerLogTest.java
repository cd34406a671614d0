package com.callcentre.events.loadharness.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernel scheduler's figures the harness logs each second, and what it makes of them. */
class SchedulerLogTest {
  @Test
  void readsSchedstatAndPressureText() {
    assertThat(RunQueue.parseSchedstat("72399669 13199286 161\n")).isEqualTo(new RunQueue.Times(72_399_669, 13_199_286));
    assertThat(RunQueue.parsePressure("""
        some avg10=0.00 avg60=1.01 avg300=25.64 total=7587863585
        full avg10=0.00 avg60=0.00 avg300=0.00 total=0
        """)).isEqualTo(7_587_863_585L);
    assertThatThrownBy(() -> RunQueue.parsePressure("full avg10=0.00 total=0")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("some");
  }

  @Test
  void countsAProcesssThreadsAndNothingForOneThatHasGone() {
    RunQueue.Times self = RunQueue.of(ProcessHandle.current().pid());
    assertThat(self.cpuNanos()).isPositive();
    assertThat(RunQueue.of(Long.MAX_VALUE)).isEqualTo(RunQueue.Times.NONE);
  }

  @Test
  void logsEachSecondOfItsProcesses(@TempDir Path dir) {
    long self = ProcessHandle.current().pid();
    try (SchedulerLog log = SchedulerLog.start(dir, () -> Map.of("me", self, "gone", Long.MAX_VALUE))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> SchedulerLog.read(dir).size() >= 2);
    }
    List<SchedulerLog.Second> seconds = SchedulerLog.read(dir);
    assertThat(seconds.get(1).epochSecond()).isEqualTo(seconds.get(0).epochSecond() + 1);
    assertThat(seconds.get(1).processes()).containsKeys("me", "gone");
    assertThat(seconds.get(1).processes().get("gone")).isEqualTo(new SchedulerLog.Usage(0, 0));
    assertThat(seconds).allSatisfy(s -> assertThat(s.processes().get("me").cpuMs()).isBetween(0.0, 2_000.0));
    assertThat(seconds).allSatisfy(s -> assertThat(s.samplerCpuMs()).isBetween(0.0, 1_000.0));
  }

  @Test
  void aRunWithoutALogHasNoSeconds(@TempDir Path dir) {
    assertThat(SchedulerLog.read(dir)).isEmpty();
  }

  @Test
  void summarisesTheSecondsOfAWindow(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(SchedulerLog.FILE), String.join("\n",
        line(99, 900, 50, 700),
        line(100, 10, 5, 1),
        line(101, 300, 120, 2),
        line(102, 20, 1, 30),
        line(103, 999, 999, 999)) + "\n");
    JsonObject s = SchedulerLog.summary(SchedulerLog.read(dir), 100, 103);
    assertThat(s.getInteger("seconds")).isEqualTo(3);
    assertThat(s.getDouble("cpu_pressure_ms")).isEqualTo(330.0);
    assertThat(s.getDouble("worst_second_cpu_pressure_ms")).isEqualTo(300.0);
    assertThat(s.getDouble("sampler_cpu_ms_per_second")).isEqualTo(2.5);
    JsonObject byProcess = s.getJsonObject("run_queue_wait_by_process");
    assertThat(byProcess.getJsonObject("streams-app").getDouble("wait_ms")).isEqualTo(126.0);
    assertThat(byProcess.getJsonObject("streams-app").getDouble("worst_second_wait_ms")).isEqualTo(120.0);
    assertThat(byProcess.getJsonObject("kafka-broker").getDouble("wait_ms")).isEqualTo(33.0);
    assertThat(byProcess.getJsonObject("kafka-broker").getDouble("worst_second_wait_ms")).isEqualTo(30.0);
  }

  private static String line(long second, double pressure, double streamsWait, double brokerWait) {
    return new JsonObject().put("second", second).put("pressure_ms", pressure).put("sampler_cpu_ms", 2.5)
        .put("processes", new JsonObject()
        .put("streams-app", new JsonObject().put("cpu_ms", 200.0).put("wait_ms", streamsWait))
        .put("kafka-broker", new JsonObject().put("cpu_ms", 400.0).put("wait_ms", brokerWait))).encode();
  }
}
