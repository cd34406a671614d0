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
  /** Each follower (one WebSocket) follows its own 20 extensions; three per edge, so every edge has some. */
  private static final int FOLLOWED_EACH = 20;

  private final String name;
  private final Pipeline pipeline;
  private final Path runDir;
  private final DialerFeed dialer;
  private final Vertx vertx = Vertx.vertx();
  private final List<Follower> followers = new java.util.ArrayList<>();
  private final long startedAt = System.nanoTime();

  private FaultRun(String name, Pipeline pipeline, Path runDir) {
    this.name = name;
    this.pipeline = pipeline;
    this.runDir = runDir;
    pipeline.startSwitch(EXTENSIONS, SWITCH_RATE);
    this.dialer = new DialerFeed(pipeline.dialerZmqEndpoint(), pipeline.dialerHttpUrl(), EXTENSIONS).keepingAcknowledgedIds();
    dialer.start(DIALER_RATE);
    for (int i = 0; i < 3 * pipeline.edges().size(); i++) {
      followers.add(new Follower(vertx, pipeline.edgePort(), followedBy(i)));
    }
  }

  private static List<String> followedBy(int follower) {
    return EXTENSIONS.all().subList(follower * FOLLOWED_EACH, (follower + 1) * FOLLOWED_EACH);
  }

  /** Starts the pipeline of that shape (3 partitions per topic), and the load. */
  static FaultRun start(String name, Path dir, Pipeline.Shape shape) {
    BenchConfig config = BenchConfig.parse(new String[] {"smoke", "partitions=3", "out=" + dir});
    Path runDir = dir.resolve("run");
    return new FaultRun(name, Pipeline.start(config, runDir, shape), runDir);
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

  /** {@code events} dialer events at once over HTTP on top of the steady feed, acknowledged ids kept. */
  void burst(int events) {
    dialer.burst(events);
  }

  /** Waits until every service answers /ready again. */
  void awaitEveryServiceReady() {
    Awaitility.await("every service ready after the fault").atMost(READY).pollInterval(Duration.ofMillis(500))
        .until(() -> pipeline.services().stream().allMatch(ServiceProcess::isReady));
  }

  /**
   * Notes the fault: prints the subscribers' peaks so far (the run's own noise: start-up, JIT,
   * a busy machine) and starts them afresh, so the final peaks are what the fault cost.
   */
  void fault(String what) {
    long pause = 0;
    long delay = 0;
    for (Follower f : followers) {
      long[] before = f.restartPeaks();
      pause = Math.max(pause, before[0]);
      delay = Math.max(delay, before[1]);
    }
    log(what + " (before it: longest pause between deliveries " + pause + " ms, longest ingest-to-screen " + delay + " ms)");
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
    List<Verdict.Subscriber> subscribers = new java.util.ArrayList<>();
    for (int i = 0; i < followers.size(); i++) {
      Follower follower = followers.get(i);
      Map<String, Long> followed = followedBy(i).stream().filter(truth::containsKey)
          .collect(Collectors.toMap(e -> e, truth::get));
      try {
        Awaitility.await("a subscriber caught up").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
            .until(() -> follower.lastSequences().entrySet().containsAll(followed.entrySet()));
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        // judged below, with what it has
      }
      subscribers.add(new Verdict.Subscriber(followed, follower.lastSequences(), follower.violations(),
          follower.reconnects(), follower.gaps(), follower.delivered(), follower.longestSilenceMillis(),
          follower.longestDelayMillis()));
    }
    Verdict verdict = new Verdict(audit, subscribers);
    log("subscribers: " + verdict.subscriberSummary());
    return verdict;
  }

  /** What a scenario ended with: the topics' audit and each subscriber's record. */
  record Verdict(DeliveryAudit audit, List<Subscriber> subscribers) {
    /** One subscriber: what it should hold, what it holds, and how it got there. */
    record Subscriber(Map<String, Long> truth, Map<String, Long> has, List<String> violations, int reconnects, int gaps,
        long delivered, long longestSilenceMillis, long longestDelayMillis) {
      long behind() {
        return truth.entrySet().stream().filter(e -> !e.getValue().equals(has.get(e.getKey()))).count();
      }
    }

    String subscriberSummary() {
      return String.format("%d subscribers, %d events delivered over %d extensions, %d reconnects, %d gap messages, "
              + "%d order violations, %d extensions behind; since the fault: longest pause between deliveries %d ms, "
              + "longest an event took from ingest to a screen %d ms",
          subscribers.size(), sum(Subscriber::delivered), sum(s -> s.truth().size()), sum(Subscriber::reconnects),
          sum(Subscriber::gaps), sum(s -> s.violations().size()), sum(Subscriber::behind),
          subscribers.stream().mapToLong(Subscriber::longestSilenceMillis).max().orElse(0),
          subscribers.stream().mapToLong(Subscriber::longestDelayMillis).max().orElse(0));
    }

    int reconnects() {
      return (int) sum(Subscriber::reconnects);
    }

    private long sum(java.util.function.ToLongFunction<Subscriber> f) {
      return subscribers.stream().mapToLong(f).sum();
    }

    void assertHolds() {
      assertThat(audit.acknowledgedMissing()).as("acknowledged events not sequenced").isEmpty();
      assertThat(audit.missing()).as("input events not sequenced").isEmpty();
      assertThat(audit.duplicates()).as("events sequenced twice").isEmpty();
      assertThat(audit.gaps()).as("sequence gaps").isEmpty();
      assertThat(audit.acknowledged()).as("events acknowledged").isPositive();
      for (Subscriber s : subscribers) {
        assertThat(s.violations()).as("subscriber order violations").isEmpty();
        assertThat(s.has()).as("a subscriber's last sequences").containsAllEntriesOf(s.truth());
      }
    }
  }

  @Override
  public void close() {
    followers.forEach(Follower::close);
    dialer.close();
    vertx.close();
    pipeline.close();
    keepLogs();
  }

  /** Every service's log into target/fault-logs/NAME, for whoever reads a failure (the run folder is temporary). */
  private void keepLogs() {
    Path to = Path.of("target", "fault-logs", name);
    // depth 3: the services' logs and each broker's (kafka/node-N/broker.log); not Kafka's
    // segment files or RocksDB's logs, which lie deeper
    try (var files = java.nio.file.Files.walk(runDir, 3)) {
      java.nio.file.Files.createDirectories(to);
      for (Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
        java.nio.file.Files.copy(log, to.resolve(runDir.relativize(log).toString().replace('/', '_')),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (java.io.IOException e) {
      System.out.printf("[fault %s] could not keep the logs: %s%n", name, e);
    }
  }
}
