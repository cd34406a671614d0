package com.callcentre.events.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.callcentre.events.loadharness.measure.PromText;
import com.callcentre.events.loadharness.pipeline.Pipeline;
import com.callcentre.events.loadharness.pipeline.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two edges on one port; the one holding more subscribers is SIGKILLed under load. Its
 * subscribers reconnect (the port leads them to the other edge), resume with {@code since}, and
 * end with every event of their extensions in order, none missed (a gap message would have
 * announced any that left the window).
 */
class EdgeCrashIT {
  @Test
  void subscribersOfAKilledEdgeResumeOnTheOtherWithoutMissingAnEvent(@TempDir Path dir) {
    try (FaultRun run = FaultRun.start("edge-crash", dir, new Pipeline.Shape(1, 1, 2))) {
      run.run(Duration.ofSeconds(10));
      ServiceProcess busiest = run.pipeline().edges().stream()
          .max(Comparator.comparingDouble(e -> PromText.sum(e.metrics(), "edge_connections", "kind=\"websocket\"")))
          .orElseThrow();
      busiest.kill();
      run.fault(busiest.name() + " SIGKILLed");
      run.run(Duration.ofSeconds(15));
      FaultRun.Verdict verdict = run.finish();
      verdict.assertHolds();
      assertThat(verdict.reconnects()).as("subscribers that had to move").isPositive();
    }
  }
}
