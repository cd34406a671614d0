package com.callcentre.events.reliability.faults;

import com.callcentre.events.loadharness.pipeline.Pipeline;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Production runs a cluster: three brokers, every topic (the streams-app's internal ones too)
 * replicated three times with two copies in sync for an acknowledged write. One broker is
 * SIGKILLed under load and brought back 15 s later: the pipeline keeps flowing on the other two
 * (the longest pause a subscriber saw is printed), nothing acknowledged is lost, no gap, no
 * duplicate.
 */
class ClusterBrokerLossIT {
  @Test
  void oneBrokerOfThreeKilledAndBroughtBackLosesNothingAndTheFlowGoesOn(@TempDir Path dir) {
    try (FaultRun run = FaultRun.start("cluster-broker-loss", dir, new Pipeline.Shape(3, 1, 1))) {
      run.run(Duration.ofSeconds(15));
      run.pipeline().infra().kafka().kill(1);
      run.fault("broker 1 of 3 SIGKILLed");
      run.run(Duration.ofSeconds(15));
      run.pipeline().infra().kafka().restart(1);
      run.log("broker 1 restarted");
      run.run(Duration.ofSeconds(15));
      run.finish().assertHolds();
    }
  }
}
