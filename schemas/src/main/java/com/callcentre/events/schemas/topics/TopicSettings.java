package com.callcentre.events.schemas.topics;

import java.time.Duration;
import java.util.Map;

/**
 * Sizing for topic creation, the same for every topic of one deployment.
 *
 * @param partitions        partitions per topic; extensions are spread over them by key
 * @param replicationFactor copies of each partition (1 on a single dev broker)
 * @param retention         how long history topics keep records (replay window)
 */
public record TopicSettings(int partitions, short replicationFactor, Duration retention) {
  public static final String PARTITIONS_ENV = "TOPIC_PARTITIONS";
  public static final String REPLICATION_ENV = "TOPIC_REPLICATION_FACTOR";
  public static final String RETENTION_ENV = "TOPIC_RETENTION_HOURS";

  public TopicSettings {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException("replication factor must be at least 1, was " + replicationFactor);
    }
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("retention must be positive, was " + retention);
    }
  }

  /** Three partitions, one replica, seven days of history. */
  public static TopicSettings defaults() {
    return new TopicSettings(3, (short) 1, Duration.ofDays(7));
  }

  /** Reads {@code TOPIC_PARTITIONS}, {@code TOPIC_REPLICATION_FACTOR} and {@code TOPIC_RETENTION_HOURS}. */
  public static TopicSettings fromEnv(Map<String, String> env) {
    TopicSettings d = defaults();
    return new TopicSettings(
        intOr(env, PARTITIONS_ENV, d.partitions()),
        (short) intOr(env, REPLICATION_ENV, d.replicationFactor()),
        Duration.ofHours(intOr(env, RETENTION_ENV, (int) d.retention().toHours())));
  }

  private static int intOr(Map<String, String> env, String key, int fallback) {
    String value = env.get(key);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'");
    }
  }
}
