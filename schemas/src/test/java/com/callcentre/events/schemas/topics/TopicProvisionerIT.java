package com.callcentre.events.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import com.callcentre.events.infra.LocalInfra;
import com.callcentre.events.testsupport.SharedInfra;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedInfra.class)
class TopicProvisionerIT {
  @Test
  void createsEveryCatalogueTopicWithItsConfigsOnceOnly(LocalInfra infra) throws Exception {
    TopicSettings settings = new TopicSettings(2, (short) 1, Duration.ofHours(36));
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", infra.bootstrapServers()))) {
      List<String> created = TopicProvisioner.ensureTopics(admin, settings, Topics.ALL);
      assertThat(created).containsExactlyInAnyOrderElementsOf(Topics.ALL.stream().map(TopicSpec::name).toList());

      var description = admin.describeTopics(List.of(Topics.EXTENSION_STATE.name())).allTopicNames().get();
      assertThat(description.get(Topics.EXTENSION_STATE.name()).partitions()).hasSize(2);
      assertThat(config(admin, Topics.EXTENSION_STATE.name()).get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
          .isEqualTo("compact");
      Config raw = config(admin, Topics.RAW_ASAI.name());
      assertThat(raw.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("delete");
      assertThat(raw.get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo(Long.toString(Duration.ofHours(36).toMillis()));

      assertThat(TopicProvisioner.ensureTopics(admin, settings, Topics.ALL)).isEmpty();
    }
  }

  private static Config config(Admin admin, String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    return admin.describeConfigs(List.of(resource)).all().get().get(resource);
  }
}
