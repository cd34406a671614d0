package com.callcentre.events.loadharness.timeline;

import com.callcentre.events.loadharness.measure.SchedulerLog;
import com.callcentre.events.runtime.config.Durations;
import com.callcentre.events.schemas.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code bin/bench timeline [run=DIR] [last=45s] [slow=150ms]}: after a bench run, reads
 * {@code extension-events.v1} from the run's stopped broker and prints where the sequencing's time
 * went: ingest to sequencing, sequencing to the commit that made the event visible, and the seconds
 * in which some event took longer than {@code slow} from ingest to commit. Without {@code run}, the
 * newest run under target/bench.
 */
public final class SequencingTimelineMain {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private SequencingTimelineMain() {}

  public static void main(String[] args) {
    try {
      print(options(args));
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      System.err.println("bin/bench timeline: " + e.getMessage());
      System.exit(2);
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new TreeMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0 || !List.of("run", "last", "slow").contains(arg.substring(0, eq))) {
        throw new IllegalArgumentException("usage: bin/bench timeline [run=DIR] [last=45s] [slow=150ms] (got '" + arg + "')");
      }
      options.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    return options;
  }

  private static void print(Map<String, String> options) {
    Path run = options.containsKey("run") ? Path.of(options.get("run")) : newestRun(Path.of("target", "bench"));
    Path logs = run.resolve("kafka").resolve("kafka-logs");
    List<Delivery> all = new ArrayList<>();
    partitions(logs, Topics.EXTENSION_EVENTS.name()).forEach(p -> all.addAll(CommittedEvents.readPartition(p)));
    Timeline whole = Timeline.of(all);
    System.out.printf("%s: %,d committed events in %s, ingested %s to %s%n", run, whole.size(),
        Topics.EXTENSION_EVENTS.name(), clock(whole.firstIngestMs()), clock(whole.lastIngestMs()));
    Timeline timeline = whole;
    if (options.containsKey("last")) {
      long last = parse(options.get("last")).toMillis();
      timeline = whole.window(whole.lastIngestMs() - last, Long.MAX_VALUE);
      System.out.printf("the last %d s: %,d events%n", last / 1000, timeline.size());
    }
    System.out.printf("%-22s %7s %7s %7s %7s%n", "part (ms)", "p50", "p99", "p99.9", "max");
    for (Timeline.Part part : Timeline.Part.values()) {
      Timeline.Spread s = timeline.spread(part);
      System.out.printf("%-22s %7d %7d %7d %7d%n", part.label(), s.p50(), s.p99(), s.p999(), s.max());
    }
    long slow = parse(options.getOrDefault("slow", "150ms")).toMillis();
    List<Timeline.SlowSecond> seconds = timeline.slowSeconds(slow);
    System.out.printf("%d second(s) with an event over %d ms from ingest to commit:%n", seconds.size(), slow);
    Map<Long, SchedulerLog.Second> scheduler = new TreeMap<>();
    SchedulerLog.read(run).forEach(s -> scheduler.put(s.epochSecond(), s));
    for (Timeline.SlowSecond s : seconds) {
      System.out.printf("  %s  %,5d events  ingest→sequenced max %5d  sequenced→committed max %5d%n",
          clock(s.epochSecond() * 1000), s.events(), s.maxIngestToSequenced(), s.maxSequencedToCommitted());
      // An event of second S may wait into S+1: both seconds, as the kernel's scheduler saw them.
      for (long second = s.epochSecond(); second <= s.epochSecond() + 1; second++) {
        SchedulerLog.Second logged = scheduler.get(second);
        if (logged != null) {
          System.out.printf("      %s  %s%n", clock(second * 1000), CoreShare.describe(logged, 3));
        }
      }
    }
    printQuietBaseline(scheduler, timeline);
  }

  private static void printQuietBaseline(Map<Long, SchedulerLog.Second> scheduler, Timeline timeline) {
    if (scheduler.isEmpty()) {
      System.out.printf("(no %s in this run: runs before the scheduler log kept none)%n", SchedulerLog.FILE);
      return;
    }
    List<SchedulerLog.Second> window = scheduler.values().stream()
        .filter(s -> s.epochSecond() * 1000 >= timeline.firstIngestMs() && s.epochSecond() * 1000 <= timeline.lastIngestMs())
        .toList();
    System.out.printf("CPU pressure over the window's %d logged seconds: median %.0f ms a second%n", window.size(),
        CoreShare.medianPressure(window));
  }

  private static List<Path> partitions(Path logs, String topic) {
    try (Stream<Path> dirs = Files.list(logs)) {
      List<Path> found = dirs.filter(d -> d.getFileName().toString().matches(Pattern.quote(topic) + "-[0-9]+"))
          .sorted().toList();
      if (found.isEmpty()) {
        throw new IllegalArgumentException("no partition of " + topic + " under " + logs);
      }
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + logs + " (is it a bench run folder?)", e);
    }
  }

  private static Path newestRun(Path bench) {
    try (Stream<Path> runs = Files.list(bench)) {
      return runs.filter(p -> p.getFileName().toString().startsWith("run-") && Files.isDirectory(p.resolve("kafka")))
          .max(Comparator.comparing(p -> p.getFileName().toString().replaceFirst("^run-[a-z]+-", "")))
          .orElseThrow(() -> new IllegalArgumentException("no bench run with a kafka folder under " + bench));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + bench, e);
    }
  }

  private static Duration parse(String text) {
    try {
      return Durations.parse(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a duration like 45s or 150ms, got '" + text + "'");
    }
  }

  private static String clock(long epochMs) {
    return LocalTime.ofInstant(Instant.ofEpochMilli(epochMs), ZoneId.systemDefault()).format(CLOCK);
  }
}
