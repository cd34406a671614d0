package com.callcentre.events.reliability.faults;

import com.callcentre.events.loadharness.pipeline.Pipeline;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two streams-app instances share the partitions; one is SIGKILLed under load and not brought
 * back. The other takes its partitions over (after the 10 s session timeout) and, from the
 * simulator to the subscriber, no sequence has a gap or a duplicate.
 */
class StreamsFailoverIT {
  @Test
  void theSurvivorTakesOverWithNoGapAndNoDuplicate(@TempDir Path dir) {
    try (FaultRun run = FaultRun.start("streams-failover", dir, new Pipeline.Shape(1, 2, 1))) {
      run.run(Duration.ofSeconds(15));
      run.service("streams-app").kill();
      run.log("streams-app (one of two) SIGKILLed");
      run.run(Duration.ofSeconds(30));
      run.finish().assertHolds();
    }
  }
}
