package com.callcentre.events.reliability.faults;

import com.callcentre.events.loadharness.pipeline.Pipeline;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single broker SIGKILLed mid-stream while both ingest services are fed, and started again
 * 10 s later on the same data: the sources get errors or wait while it is gone, and afterwards
 * every acknowledged event is sequenced once, no extension has a gap, and the streams-app, the
 * edge and the subscribers resume by themselves.
 */
class BrokerCrashIT {
  @Test
  void theBrokerKilledMidStreamAndRestartedLosesNothingAcknowledged(@TempDir Path dir) {
    try (FaultRun run = FaultRun.start("broker-crash", dir, Pipeline.Shape.edges(1))) {
      run.run(Duration.ofSeconds(10));
      run.pipeline().infra().kafka().kill();
      run.fault("broker SIGKILLed");
      run.run(Duration.ofSeconds(10));
      run.pipeline().infra().kafka().restart();
      run.log("broker restarted");
      run.awaitEveryServiceReady();
      run.log("every service ready");
      run.run(Duration.ofSeconds(15));
      run.finish().assertHolds();
    }
  }
}
