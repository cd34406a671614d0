package com.callcentre.events.loadharness.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceProcessTest {
  @Test
  void aServiceRunsOnG1UnlessItsOptionsPickAnotherCollector() {
    assertThat(ServiceProcess.jvm("384m")).containsExactly("-Xmx384m", "-XX:+UseG1GC");
    assertThat(ServiceProcess.jvm("512m", List.of("-XX:+UseZGC", "-XX:ParallelGCThreads=1")))
        .containsExactly("-Xmx512m", "-XX:+UseZGC", "-XX:ParallelGCThreads=1");
    assertThat(ServiceProcess.jvm("512m", List.of("-XX:MaxGCPauseMillis=20")))
        .containsExactly("-Xmx512m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20");
  }
}
