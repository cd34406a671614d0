package com.callcentre.events.streams.topology.internal;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The streams-app's in-memory key-value stores: each small (one entry per extension, or per call in
 * progress) and on the hot path, where RocksDB's get and put through JNI cost more than the work
 * they serve (docs/benchmarks.md, #11, eighth and ninth rounds).
 *
 * <p>An in-memory store is restored from its changelog at every start, from the changelog's first
 * record. Compaction keeps only the latest record per key, but never touches the segment still
 * being written, and a segment rolls by default only at 1 GiB (some 30 million sequence updates).
 * So the changelogs roll every 10 minutes or 64 MiB, and a restore reads the live keys plus at
 * most a few segments of updates.
 */
public final class InMemoryStores {
  static final Duration SEGMENT_ROLL = Duration.ofMinutes(10);
  static final int SEGMENT_BYTES = 64 << 20;

  private InMemoryStores() {}

  public static <K, V> StoreBuilder<KeyValueStore<K, V>> keyValue(String name, Serde<K> keys, Serde<V> values) {
    return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys, values)
        .withLoggingEnabled(Map.of(
            TopicConfig.SEGMENT_MS_CONFIG, Long.toString(SEGMENT_ROLL.toMillis()),
            TopicConfig.SEGMENT_BYTES_CONFIG, Integer.toString(SEGMENT_BYTES)));
  }
}
