package com.callcentre.events.schemas.topics;

import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * Everything about one topic: its versioned name, what its keys and values are, and whether it
 * keeps history (delete with retention) or only the latest value per key (compact).
 */
public record TopicSpec<K, V>(
    String name, String description, RecordFormat<K> key, RecordFormat<V> value, Cleanup cleanup) {

  public enum Cleanup {
    /** Keeps every record for the configured retention, so engineers can replay. */
    RETAIN_HISTORY,
    /** Keeps the latest record per key forever. */
    COMPACT
  }

  public Serde<K> keySerde(SchemaRegistryClient registry) {
    return key.serde(registry, true);
  }

  public Serde<V> valueSerde(SchemaRegistryClient registry) {
    return value.serde(registry, false);
  }

  /** The topic as it should be created with these settings. */
  public NewTopic newTopic(TopicSettings settings) {
    Map<String, String> configs = new HashMap<>();
    switch (cleanup) {
      case RETAIN_HISTORY -> {
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(settings.retention().toMillis()));
      }
      case COMPACT -> {
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        // Roll segments hourly so compaction can run; the default week would keep every state update.
        configs.put(TopicConfig.SEGMENT_MS_CONFIG, Long.toString(60L * 60 * 1000));
      }
    }
    if (settings.replicationFactor() > 1) {
      configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(settings.replicationFactor() - 1));
    }
    return new NewTopic(name, Optional.of(settings.partitions()), Optional.of(settings.replicationFactor()))
        .configs(configs);
  }
}
