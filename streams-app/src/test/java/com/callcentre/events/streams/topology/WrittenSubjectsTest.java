package com.callcentre.events.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.EventSource;
import com.callcentre.events.schemas.registry.CompatibilityLevel;
import com.callcentre.events.schemas.registry.InMemorySchemaRegistry;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.serde.AvroSerializer;
import com.callcentre.events.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the streams-app registers at start-up must be every subject the topology writes under, or
 * the first record needing a missing one waits for the registry (and with it the stream thread).
 */
class WrittenSubjectsTest {
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  /** A registry that notes every subject something registers under or looks up. */
  private record Recording(SchemaRegistryClient inner, Set<String> subjects) implements SchemaRegistryClient {
    public int register(String subject, Schema schema) {
      subjects.add(subject);
      return inner.register(subject, schema);
    }

    public Optional<Integer> lookup(String subject, Schema schema) {
      subjects.add(subject);
      return inner.lookup(subject, schema);
    }

    public Schema schemaById(int id) {
      return inner.schemaById(id);
    }

    public void setCompatibility(String subject, CompatibilityLevel level) {
      inner.setCompatibility(subject, level);
    }

    public boolean isCompatibleWithLatest(String subject, Schema schema) {
      return inner.isCompatibleWithLatest(subject, schema);
    }
  }

  @Test
  void startUpRegistersEverySubjectACallWrites(@TempDir Path stateDir) {
    InMemorySchemaRegistry registry = InMemorySchemaRegistry.scope("written-" + UUID.randomUUID());
    Recording recording = new Recording(registry, ConcurrentHashMap.newKeySet());
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "subjects-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    TopologySettings settings = new TopologySettings(Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofSeconds(30));
    try (ChainedDrivers drivers = new ChainedDrivers(settings, recording, props, stateDir, T0)) {
      var in = drivers.sequencing().createInputTopic(Topics.SWITCH_EVENTS.name(), new StringSerializer(),
          new AvroSerializer<CallEvent>(registry, false));
      int i = 0;
      for (String name : new String[] {"C_OFFERED", "C_CONNECTED", "C_DROP", "C_CALLEND"}) {
        in.pipeInput("450001", CallEvent.newBuilder().setEventUuid(UUID.randomUUID().toString()).setSource(EventSource.SWITCH)
            .setEventNameS(name).setConnectNum("450001").setVdn("4500").setUcid("u1").setCallUniqueId("u1")
            .setEventTime(T0.plusSeconds(i)).setIngestTime(T0.plusSeconds(i++)).build(), T0.plusSeconds(i));
      }
      drivers.pump();
    }

    assertThat(recording.subjects()).as("subjects the two topologies used")
        .contains(Topics.CALL_SUMMARIES.name() + "-value")
        .containsExactlyInAnyOrderElementsOf(CallEventTopology.writtenSubjects("subjects-test-derived").keySet());
  }
}
