package com.callcentre.events.replay;

import com.callcentre.events.replay.kafka.Cluster;
import com.callcentre.events.replay.kafka.ClusterOptions;
import com.callcentre.events.replay.kafka.TopicRangeReader;
import com.callcentre.events.replay.output.Records;
import com.callcentre.events.replay.time.RangeOptions;
import com.callcentre.events.replay.time.TimeRange;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What every subcommand shares: where the cluster is, the time range, the progress bar switch, the output streams. */
public abstract class ReplayCommand implements Callable<Integer> {
  @Mixin
  protected ClusterOptions clusterOptions;

  @Mixin
  protected RangeOptions rangeOptions;

  @Option(names = "--no-progress", description = "never show a progress bar (it shows only on a terminal anyway)")
  protected boolean noProgress;

  @Spec
  protected CommandSpec spec;

  /** The clock times are read against; the system's, in the local zone. */
  protected Clock clock = Clock.systemDefaultZone();

  @Override
  public final Integer call() {
    TimeRange range = rangeOptions.range(clock);
    try (Cluster cluster = new Cluster(clusterOptions)) {
      return run(cluster, new TopicRangeReader(cluster, !noProgress), range).code();
    }
  }

  protected abstract ExitCode run(Cluster cluster, TopicRangeReader reader, TimeRange range);

  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  protected PrintWriter err() {
    return spec.commandLine().getErr();
  }

  protected Records records() {
    return new Records(clock.getZone());
  }
}
