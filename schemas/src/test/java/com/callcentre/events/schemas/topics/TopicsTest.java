package com.callcentre.events.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicsTest {
  @Test
  void everyTopicHasAUniqueVersionedName() {
    assertThat(Topics.ALL).extracting(TopicSpec::name).doesNotHaveDuplicates()
        .allMatch(name -> name.matches("[a-z0-9.-]+\\.v\\d+"), "ends with .v<N>");
  }

  @Test
  void historyTopicsKeepTheConfiguredRetentionAndStateIsCompacted() {
    TopicSettings settings = new TopicSettings(6, (short) 1, Duration.ofDays(3));

    var events = Topics.SWITCH_EVENTS.newTopic(settings);
    assertThat(events.numPartitions()).isEqualTo(6);
    assertThat(events.configs())
        .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "delete")
        .containsEntry(TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(3).toMillis()));

    var state = Topics.EXTENSION_STATE.newTopic(settings);
    assertThat(state.configs())
        .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact")
        .doesNotContainKey(TopicConfig.RETENTION_MS_CONFIG);
  }

  @Test
  void replicatedTopicsRequireAllButOneReplicaInSync() {
    var topic = Topics.DIALER_EVENTS.newTopic(new TopicSettings(3, (short) 3, Duration.ofDays(7)));
    assertThat(topic.configs()).containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
  }

  @Test
  void settingsComeFromTheEnvironmentWithDefaults() {
    assertThat(TopicSettings.fromEnv(Map.of())).isEqualTo(TopicSettings.defaults());
    assertThat(TopicSettings.fromEnv(Map.of("TOPIC_PARTITIONS", "12", "TOPIC_RETENTION_HOURS", "48")))
        .isEqualTo(new TopicSettings(12, (short) 1, Duration.ofHours(48)));
  }

  @Test
  void badSettingsAreRefusedWithTheVariableName() {
    assertThatThrownBy(() -> TopicSettings.fromEnv(Map.of("TOPIC_PARTITIONS", "many")))
        .hasMessage("TOPIC_PARTITIONS must be a whole number, was 'many'");
    assertThatThrownBy(() -> TopicSettings.fromEnv(Map.of("TOPIC_PARTITIONS", "0")))
        .hasMessageContaining("partitions must be at least 1");
  }
}
