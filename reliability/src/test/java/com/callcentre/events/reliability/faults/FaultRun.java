package com.callcentre.events.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.callcentre.events.loadharness.BenchConfig;
import com.callcentre.events.loadharness.load.DialerFeed;
import com.callcentre.events.loadharness.load.Extensions;
import com.callcentre.events.loadharness.measure.SequenceTruth;
import com.callcentre.events.loadharness.pipeline.Pipeline;
import com.callcentre.events.loadharness.pipeline.ServiceProcess;
import com.callcentre.events.reliability.audit.DeliveryAudit;
import com.callcentre.events.reliability.audit.Follower;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * One fault scenario's run: the whole pipeline as production runs it (each service in its own JVM),
 * the switch simulator and the dialer feeding it steadily, and subscribers that stay through the
 * fault. A test does its damage in the middle; {@link #finish} stops the sources, lets the pipeline
 * drain and judges the invariant.
 */
final class FaultRun implements AutoCloseable {
  static final Duration READY = Duration.ofSeconds(180);
  /** Two VDNs of 100 agents: two switch readers, and extensions enough to spread over the partitions. */
  private static final Extensions EXTENSIONS = new Extensions(2, 100);
  private static final int SWITCH_RATE = 200;
  private static final int DIALER_RATE = 100;
  private static final int FOLLOWED = 20;

  private final String name;
  private final Pipeline pipeline;
  private final DialerFeed dialer;
  private final Vertx vertx = Vertx.vertx();
  private final Follower follower;
  private final long startedAt = System.nanoTime();

  private FaultRun(String name, Pipeline pipeline) {
    this.name = name;
    this.pipeline = pipeline;
    pipeline.startSwitch(EXTENSIONS, SWITCH_RATE);
    this.dialer = new DialerFeed(pipeline.dialerZmqEndpoint(), pipeline.dialerHttpUrl(), EXTENSIONS).keepingAcknowledgedIds();
    dialer.start(DIALER_RATE);
    this.follower = new Follower(vertx, pipeline.edgePort(), EXTENSIONS.all().subList(0, FOLLOWED));
  }

  /** Starts the pipeline (3 partitions per topic) with {@code edges} edges and {@code streamsApps} streams-apps, and the load. */
  static FaultRun start(String name, Path dir, int edges, int streamsApps) {
    BenchConfig config = BenchConfig.parse(new String[] {"smoke", "partitions=3", "out=" + dir});
    return new FaultRun(name, Pipeline.start(config, dir.resolve("run"), edges, streamsApps));
  }

  Pipeline pipeline() {
    return pipeline;
  }

  ServiceProcess service(String service) {
    return pipeline.service(service);
  }

  /** Lets the load run: the scenario's own timing (before, during and after a fault), not a wait for a condition. */
  void run(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits until every service answers /ready again. */
  void awaitEveryServiceReady() {
    Awaitility.await("every service ready after the fault").atMost(READY).pollInterval(Duration.ofMillis(500))
        .until(() -> pipeline.services().stream().allMatch(ServiceProcess::isReady));
  }

  void log(String what) {
    System.out.printf("[fault %s] %6.1f s: %s%n", name, (System.nanoTime() - startedAt) / 1e9, what);
  }

  /**
   * Stops the sources, waits for everything sent to be sequenced and for the subscribers to catch
   * up, and checks: nothing acknowledged lost, no input event lost, no duplicate, no gap, every
   * subscriber at each extension's last sequence with every event in order.
   */
  Verdict finish() {
    pipeline.stopSwitch();
    dialer.close();
    log("sources stopped: dialer sent " + dialer.sent() + ", acknowledged " + dialer.acknowledged()
        + ", refused or unanswered " + dialer.refused());
    DeliveryAudit audit = DeliveryAudit.of(pipeline.infra().bootstrapServers(), pipeline.infra().registryUrl(),
        dialer.acknowledgedIds(), Duration.ofSeconds(180));
    log(audit.summary());
    Map<String, Long> truth = SequenceTruth.lastSequences(pipeline.infra().bootstrapServers(), pipeline.infra().registryUrl());
    Map<String, Long> followed = EXTENSIONS.all().subList(0, FOLLOWED).stream().filter(truth::containsKey)
        .collect(Collectors.toMap(e -> e, truth::get));
    try {
      Awaitility.await("the subscriber caught up").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .until(() -> follower.lastSequences().entrySet().containsAll(followed.entrySet()));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      // judged below, with what it has
    }
    Verdict verdict = new Verdict(audit, followed, follower.lastSequences(), follower.violations(), follower.reconnects(),
        follower.gaps(), follower.delivered(), follower.longestSilenceMillis());
    log("subscriber: " + verdict.subscriberSummary());
    return verdict;
  }

  /** What a scenario ended with. */
  record Verdict(DeliveryAudit audit, Map<String, Long> truth, Map<String, Long> followerHas, List<String> violations,
      int reconnects, int gaps, long delivered, long longestSilenceMillis) {

    String subscriberSummary() {
      long behind = truth.entrySet().stream().filter(e -> !e.getValue().equals(followerHas.get(e.getKey()))).count();
      return String.format("%d events delivered over %d extensions, %d reconnects, %d gap messages, %d order violations, "
          + "%d extensions behind; longest pause between deliveries %d ms", delivered, truth.size(), reconnects, gaps,
          violations.size(), behind, longestSilenceMillis);
    }

    void assertHolds() {
      assertThat(audit.acknowledgedMissing()).as("acknowledged events not sequenced").isEmpty();
      assertThat(audit.missing()).as("input events not sequenced").isEmpty();
      assertThat(audit.duplicates()).as("events sequenced twice").isEmpty();
      assertThat(audit.gaps()).as("sequence gaps").isEmpty();
      assertThat(audit.acknowledged()).as("events acknowledged").isPositive();
      assertThat(violations).as("subscriber order violations").isEmpty();
      assertThat(followerHas).as("the subscriber's last sequences").containsAllEntriesOf(truth);
    }
  }

  @Override
  public void close() {
    follower.close();
    dialer.close();
    vertx.close();
    pipeline.close();
  }
}
