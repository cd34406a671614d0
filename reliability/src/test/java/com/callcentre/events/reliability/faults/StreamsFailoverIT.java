package com.callcentre.events.reliability.faults;

import com.callcentre.events.loadharness.pipeline.Pipeline;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two streams-app instances share the partitions; one is SIGKILLed in the middle of a burst
 * (5,000 dialer events at once on top of the steady feed) and not brought back. The other takes
 * its partitions over (after the 10 s session timeout) and, from the sources to the subscribers,
 * no sequence has a gap or a duplicate.
 */
class StreamsFailoverIT {
  @Test
  void theSurvivorTakesOverWithNoGapAndNoDuplicate(@TempDir Path dir) throws InterruptedException {
    try (FaultRun run = FaultRun.start("streams-failover", dir, new Pipeline.Shape(1, 2, 1))) {
      run.run(Duration.ofSeconds(15));
      Thread burst = Thread.ofPlatform().start(() -> run.burst(5000));
      run.run(Duration.ofSeconds(1));
      run.service("streams-app").kill();
      run.fault("streams-app (one of two) SIGKILLed during a burst of 5,000");
      burst.join();
      run.log("burst acknowledged");
      run.run(Duration.ofSeconds(30));
      run.finish().assertHolds();
    }
  }
}
