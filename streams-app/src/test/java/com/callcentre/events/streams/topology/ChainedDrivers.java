package com.callcentre.events.streams.topology;

import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.serde.AvroDeserializer;
import com.callcentre.events.schemas.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The streams-app's two topologies as it runs them: the sequencing, and the derived outputs fed
 * with exactly the bytes the sequencing wrote to {@code extension-events.v1} (as Kafka would feed
 * them, with their keys and timestamps). {@link #pump()} moves what the sequencing wrote so far;
 * the sequenced events it moved are kept for {@link #sequenced()}.
 */
public final class ChainedDrivers implements AutoCloseable {
  private final TopologyTestDriver sequencing;
  private final TopologyTestDriver derived;
  private final TestOutputTopic<String, byte[]> sequencingOut;
  private final TestInputTopic<String, byte[]> derivedIn;
  private final AvroDeserializer<ExtensionEvent> events;
  private final List<ExtensionEvent> moved = new ArrayList<>();

  /**
   * @param props the Streams properties of both; the derived one gets its own application id and
   *              state folder
   */
  public ChainedDrivers(TopologySettings settings, SchemaRegistryClient registry, Properties props, Path stateDir,
      Instant start) {
    Properties first = copy(props);
    first.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("sequencing").toString());
    Properties second = copy(props);
    second.put(StreamsConfig.APPLICATION_ID_CONFIG, props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG) + "-derived");
    second.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("derived").toString());
    this.sequencing = new TopologyTestDriver(CallEventTopology.build(settings, registry, new SimpleMeterRegistry()), first, start);
    this.derived = new TopologyTestDriver(DerivedOutputsTopology.build(settings, registry), second, start);
    this.sequencingOut = sequencing.createOutputTopic(Topics.EXTENSION_EVENTS.name(), new StringDeserializer(),
        new ByteArrayDeserializer());
    this.derivedIn = derived.createInputTopic(Topics.EXTENSION_EVENTS.name(), new StringSerializer(), new ByteArraySerializer());
    this.events = new AvroDeserializer<>(registry, ExtensionEvent.class);
  }

  private static Properties copy(Properties props) {
    Properties p = new Properties();
    p.putAll(props);
    return p;
  }

  public TopologyTestDriver sequencing() {
    return sequencing;
  }

  public TopologyTestDriver derived() {
    return derived;
  }

  /** Feeds the derived outputs what the sequencing has written since the last pump. */
  public void pump() {
    for (TestRecord<String, byte[]> r : sequencingOut.readRecordsToList()) {
      moved.add(events.deserialize(Topics.EXTENSION_EVENTS.name(), r.value()));
      derivedIn.pipeInput(r);
    }
  }

  /** The sequenced events pumped so far, taken: a second call returns only newer ones. */
  public List<ExtensionEvent> sequenced() {
    pump();
    List<ExtensionEvent> taken = List.copyOf(moved);
    moved.clear();
    return taken;
  }

  public void advanceWallClockTime(Duration by) {
    pump();
    sequencing.advanceWallClockTime(by);
    derived.advanceWallClockTime(by);
  }

  @Override
  public void close() {
    derived.close();
    sequencing.close();
  }
}
