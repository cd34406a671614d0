package com.callcentre.events.streams.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.List;

/**
 * How much of Kafka's own metrics the streams-app exposes on {@code /metrics}.
 *
 * <p>Kafka Streams and its clients report every task, processor node, state store and partition:
 * about 2,700 series, a 650 KB scrape that took the streams-app 37-808 ms under load, and the slow
 * ones lined up with stalls of the sequencing of up to 350 ms (docs/benchmarks.md, #11 fifth
 * round). So by default only the application-wide figures are kept: Kafka Streams' client and
 * thread metrics, and its consumers' and producers' client and topic figures. Micrometer exposes
 * a consumer's lag only per partition (it drops Kafka's client-wide figure when a per-partition one
 * shares its name), so {@code records-lag-max}, which the lag alert in {@code ops/} reads, is kept
 * per partition.
 */
public enum KafkaMetricsDetail {
  /** The app's, its threads' and its clients' (the default). */
  CLIENT,
  /** Everything Kafka reports, for an engineer looking into one task, store or partition. */
  ALL;

  private static final List<String> PER_PART = List.of("kafka.stream.state.", "kafka.stream.processor.node.",
      "kafka.stream.task.", "kafka.stream.topic.");
  private static final String LAG = "kafka.consumer.fetch.manager.records.lag.max";

  /** The filter to add to the registry before Kafka's metrics are bound to it. */
  public MeterFilter filter() {
    return this == ALL ? MeterFilter.accept() : MeterFilter.deny(KafkaMetricsDetail::perPart);
  }

  /** A meter of one task, processor node, store or partition, rather than of the whole app. */
  static boolean perPart(Meter.Id id) {
    String name = id.getName();
    if (PER_PART.stream().anyMatch(name::startsWith)) {
      return true;
    }
    return name.startsWith("kafka.") && id.getTag("partition") != null && !name.equals(LAG);
  }
}
