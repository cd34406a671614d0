package com.callcentre.events.loadharness.timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * Sequenced events in ingest order, to find where in time the sequencing's tail comes from: the
 * parts of the path up to the commit, and the seconds in which some event took too long.
 */
public final class Timeline {
  /** The parts this timeline can tell apart, in path order. */
  public enum Part {
    ORIGIN_TO_INGEST("origin→ingest", Delivery::originToIngest),
    INGEST_TO_SEQUENCED("ingest→sequenced", Delivery::ingestToSequenced),
    SEQUENCED_TO_COMMITTED("sequenced→committed", Delivery::sequencedToCommitted),
    INGEST_TO_COMMITTED("ingest→committed", Delivery::ingestToCommitted);

    private final String label;
    private final ToLongFunction<Delivery> millis;

    Part(String label, ToLongFunction<Delivery> millis) {
      this.label = label;
      this.millis = millis;
    }

    public String label() {
      return label;
    }
  }

  /** p50, p99, p99.9 and max of one part, in ms. */
  public record Spread(long p50, long p99, long p999, long max) {}

  /** One second (by ingest time) in which some event took longer than the threshold from ingest to commit. */
  public record SlowSecond(long epochSecond, int events, long maxIngestToSequenced, long maxSequencedToCommitted) {}

  private final List<Delivery> byIngest;

  private Timeline(List<Delivery> byIngest) {
    this.byIngest = byIngest;
  }

  public static Timeline of(List<Delivery> deliveries) {
    List<Delivery> sorted = new ArrayList<>(deliveries);
    sorted.sort(Comparator.comparingLong(Delivery::ingestMs));
    return new Timeline(List.copyOf(sorted));
  }

  public int size() {
    return byIngest.size();
  }

  public long firstIngestMs() {
    return byIngest.isEmpty() ? 0 : byIngest.get(0).ingestMs();
  }

  public long lastIngestMs() {
    return byIngest.isEmpty() ? 0 : byIngest.get(byIngest.size() - 1).ingestMs();
  }

  /** The events ingested in [fromMs, untilMs). */
  public Timeline window(long fromMs, long untilMs) {
    return new Timeline(byIngest.stream().filter(d -> d.ingestMs() >= fromMs && d.ingestMs() < untilMs).toList());
  }

  public Spread spread(Part part) {
    long[] values = byIngest.stream().mapToLong(part.millis).sorted().toArray();
    if (values.length == 0) {
      return new Spread(0, 0, 0, 0);
    }
    return new Spread(at(values, 0.5), at(values, 0.99), at(values, 0.999), values[values.length - 1]);
  }

  private static long at(long[] sorted, double quantile) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
  }

  public List<SlowSecond> slowSeconds(long thresholdMs) {
    Map<Long, List<Delivery>> bySecond = new TreeMap<>();
    byIngest.forEach(d -> bySecond.computeIfAbsent(Math.floorDiv(d.ingestMs(), 1000L), s -> new ArrayList<>()).add(d));
    List<SlowSecond> slow = new ArrayList<>();
    bySecond.forEach((second, events) -> {
      if (events.stream().anyMatch(d -> d.ingestToCommitted() > thresholdMs)) {
        slow.add(new SlowSecond(second, events.size(),
            events.stream().mapToLong(Delivery::ingestToSequenced).max().orElse(0),
            events.stream().mapToLong(Delivery::sequencedToCommitted).max().orElse(0)));
      }
    });
    return slow;
  }
}
