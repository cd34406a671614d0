package com.callcentre.events.reliability.faults;

import com.callcentre.events.loadharness.pipeline.Pipeline;
import com.callcentre.events.loadharness.pipeline.Signals;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema registry unreachable for 20 s (its process frozen with SIGSTOP: connections hang, as
 * behind a dead network path) while both ingest services are fed; within it the dialer is
 * SIGKILLed and started again, so it comes back with no schema cached and must reach the registry.
 * Services answer errors or wait within their bounds, nothing acknowledged is lost, and everything
 * recovers by itself once the registry answers again.
 */
class RegistryOutageIT {
  @Test
  void servicesRideOutAnUnreachableRegistryAndLoseNothingAcknowledged(@TempDir Path dir) throws Exception {
    try (FaultRun run = FaultRun.start("registry-outage", dir, Pipeline.Shape.edges(1))) {
      long registry = run.pipeline().infra().registry().pid();
      run.run(Duration.ofSeconds(10));
      Signals.send("STOP", registry);
      run.fault("registry frozen (SIGSTOP)");
      try {
        run.service("ingest-dialer").kill();
        run.log("ingest-dialer SIGKILLed");
        run.service("ingest-dialer").restart(FaultRun.READY);
        run.log("ingest-dialer restarted and ready without the registry");
        run.run(Duration.ofSeconds(15));
      } finally {
        Signals.send("CONT", registry);
      }
      run.log("registry answering again (SIGCONT)");
      run.awaitEveryServiceReady();
      run.run(Duration.ofSeconds(15));
      run.finish().assertHolds();
    }
  }
}
