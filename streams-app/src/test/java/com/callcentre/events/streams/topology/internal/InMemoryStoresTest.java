package com.callcentre.events.streams.topology.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.junit.jupiter.api.Test;

class InMemoryStoresTest {

  @Test
  void isKeptInMemoryAndLoggedToAChangelogThatRollsSoCompactionKeepsTheRestoreShort() {
    StoreBuilder<KeyValueStore<String, Long>> builder = InMemoryStores.keyValue("s", Serdes.String(), Serdes.Long());

    assertThat(builder.build().persistent()).isFalse();
    assertThat(builder.loggingEnabled()).isTrue();
    assertThat(builder.logConfig())
        .containsEntry(TopicConfig.SEGMENT_MS_CONFIG, "600000")
        .containsEntry(TopicConfig.SEGMENT_BYTES_CONFIG, Integer.toString(64 * 1024 * 1024));
  }
}
