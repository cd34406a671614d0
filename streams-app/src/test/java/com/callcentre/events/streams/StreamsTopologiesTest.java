package com.callcentre.events.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.CallOutcome;
import com.callcentre.events.avro.CallSummary;
import com.callcentre.events.avro.DeadLetter;
import com.callcentre.events.avro.EventSource;
import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.avro.ExtensionState;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.serde.AvroDeserializer;
import com.callcentre.events.schemas.serde.AvroSerializer;
import com.callcentre.events.schemas.topics.Topics;
import com.callcentre.events.streams.sequencing.ExtensionSequencer;
import com.callcentre.events.streams.topology.ChainedDrivers;
import com.callcentre.events.streams.topology.TopologySettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streams-app's topologies together: the sequencing, and the derived outputs fed with what it
 * wrote ({@link ChainedDrivers}).
 */
class StreamsTopologiesTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:02:00Z");

  @TempDir
  Path stateDir;

  private SchemaRegistryClient registry;
  private ChainedDrivers drivers;
  private TopologyTestDriver driver;
  private TestInputTopic<String, CallEvent> switchIn;
  private TestInputTopic<String, CallEvent> dialerIn;
  private TestInputTopic<String, byte[]> switchRaw;
  private TestOutputTopic<String, ExtensionState> stateOut;
  private TestOutputTopic<String, CallSummary> summariesOut;
  private TestOutputTopic<String, DeadLetter> deadLettersOut;
  private final io.micrometer.core.instrument.Counter deadLettered =
      io.micrometer.core.instrument.Counter.builder("dead_lettered").register(new SimpleMeterRegistry());

  @BeforeEach
  void setUp() {
    String registryUrl = "mock://topology-" + UUID.randomUUID();
    registry = SchemaRegistryClient.forUrl(registryUrl);
    TopologySettings settings = new TopologySettings(Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofSeconds(30));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        com.callcentre.events.streams.errors.DeadLetterDeserializationHandler.class);
    props.put("schema.registry.url", registryUrl);
    props.put(com.callcentre.events.streams.errors.DeadLetterDeserializationHandler.COUNTER_CONFIG, deadLettered);
    drivers = new ChainedDrivers(settings, registry, props, stateDir, T0);
    driver = drivers.sequencing();
    TopologyTestDriver derived = drivers.derived();

    AvroSerializer<CallEvent> eventSerializer = new AvroSerializer<>(registry, false);
    switchIn = driver.createInputTopic(Topics.SWITCH_EVENTS.name(), new StringSerializer(), eventSerializer);
    dialerIn = driver.createInputTopic(Topics.DIALER_EVENTS.name(), new StringSerializer(), eventSerializer);
    switchRaw = driver.createInputTopic(Topics.SWITCH_EVENTS.name(), new StringSerializer(), new ByteArraySerializer());
    stateOut = derived.createOutputTopic(Topics.EXTENSION_STATE.name(), new StringDeserializer(),
        new AvroDeserializer<>(registry, ExtensionState.class));
    summariesOut = derived.createOutputTopic(Topics.CALL_SUMMARIES.name(), new StringDeserializer(),
        new AvroDeserializer<>(registry, CallSummary.class));
    deadLettersOut = driver.createOutputTopic(Topics.DEAD_LETTER.name(), new StringDeserializer(),
        new AvroDeserializer<>(registry, DeadLetter.class));
  }

  @AfterEach
  void tearDown() {
    drivers.close();
  }

  static CallEvent event(String ext, String name, EventSource source, String ucid, Instant at) {
    return CallEvent.newBuilder()
        .setEventUuid(UUID.randomUUID().toString())
        .setSource(source)
        .setEventNameS(name)
        .setConnectNum(ext)
        .setCallingNum("3035551212")
        .setVdn("4500")
        .setUcid(ucid)
        .setCallUniqueId(ucid)
        .setEventTime(at)
        .setIngestTime(at)
        .build();
  }

  private void send(TestInputTopic<String, CallEvent> topic, CallEvent e) {
    topic.pipeInput(new TestRecord<>(e.getConnectNum(), e, e.getEventTime()));
    drivers.pump();
  }

  @Test
  void eventsFromBothSourcesAreNumberedPerExtensionInArrivalOrder() {
    send(switchIn, event("4567", "C_OFFERED", EventSource.SWITCH, "u1", T0));
    send(dialerIn, event("4568", "C_CONNECTED", EventSource.DIALER, null, T0.plusMillis(1)));
    send(switchIn, event("4567", "C_CONNECTED", EventSource.SWITCH, "u1", T0.plusMillis(2)));
    send(dialerIn, event("4567", "PREVIEW", EventSource.DIALER, null, T0.plusMillis(3)));

    List<ExtensionEvent> out = drivers.sequenced();
    assertThat(out).extracting(ExtensionEvent::getExtension, ExtensionEvent::getSeq, e -> e.getEvent().getEventNameS())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("4567", 1L, "C_OFFERED"),
            org.assertj.core.groups.Tuple.tuple("4568", 1L, "C_CONNECTED"),
            org.assertj.core.groups.Tuple.tuple("4567", 2L, "C_CONNECTED"),
            org.assertj.core.groups.Tuple.tuple("4567", 3L, "PREVIEW"));
  }

  @Test
  void aRepeatedEventUuidIsDroppedWhicheverSourceRepeatsIt() {
    CallEvent original = event("4567", "C_CONNECTED", EventSource.DIALER, null, T0);
    send(dialerIn, original);
    send(dialerIn, original);
    send(switchIn, CallEvent.newBuilder(original).setSource(EventSource.SWITCH).build());
    send(dialerIn, event("4567", "C_DROP", EventSource.DIALER, null, T0.plusSeconds(1)));

    assertThat(drivers.sequenced()).extracting(ExtensionEvent::getSeq, e -> e.getEvent().getEventNameS())
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "C_CONNECTED"), org.assertj.core.groups.Tuple.tuple(2L, "C_DROP"));
  }

  @Test
  void theStateRecordCarriesOnlyTheLatestEventAndTheStoreOnlyTheSequence() {
    IntStream.rangeClosed(1, 40).forEach(i -> send(switchIn, event("4567", "E" + i, EventSource.SWITCH, null, T0.plusSeconds(i))));

    List<ExtensionState> states = stateOut.readValuesToList();
    assertThat(states).hasSize(40);
    ExtensionState last = states.get(39);
    assertThat(last.getSeq()).isEqualTo(40);
    assertThat(last.getLatest().getSeq()).isEqualTo(40);
    assertThat(last.getLatest().getEvent().getEventNameS()).isEqualTo("E40");
    assertThat(last.getRecent()).as("the window is the edges' to keep, from extension-events.v1").isEmpty();
    assertThat(driver.<String, Long>getKeyValueStore(ExtensionSequencer.SEQUENCE_STORE).get("4567")).isEqualTo(40L);
  }

  @Test
  void aSequenceCarriesOnFromWhatTheStoreAlreadyHolds() {
    driver.<String, Long>getKeyValueStore(ExtensionSequencer.SEQUENCE_STORE).put("4567", 41L);
    send(switchIn, event("4567", "C_OFFERED", EventSource.SWITCH, null, T0));

    assertThat(drivers.sequenced().get(0).getSeq()).isEqualTo(42L);
  }

  @Test
  void outOfOrderEventTimesKeepArrivalOrderAndTheirOwnTimes() {
    send(switchIn, event("4567", "C_DROP", EventSource.SWITCH, "u2", T0.plusSeconds(30)));
    send(switchIn, event("4567", "C_CONNECTED", EventSource.SWITCH, "u2", T0.plusSeconds(10)));

    List<ExtensionEvent> out = drivers.sequenced();
    assertThat(out).extracting(ExtensionEvent::getSeq).containsExactly(1L, 2L);
    assertThat(out.get(1).getEvent().getEventTime()).isEqualTo(T0.plusSeconds(10));
    assertThat(stateOut.readValuesToList().get(1).getLatest().getEvent().getEventNameS()).isEqualTo("C_CONNECTED");
  }

  @Test
  void anAnsweredCallIsSummarisedWithRingAndTalkTimes() {
    String ucid = "00001000011700000001";
    send(switchIn, event("4567", "C_OFFERED", EventSource.SWITCH, ucid, T0));
    send(switchIn, event("4567", "C_ALERTING", EventSource.SWITCH, ucid, T0.plusSeconds(1)));
    send(switchIn, event("4567", "C_CONNECTED", EventSource.SWITCH, ucid, T0.plusSeconds(6)));
    assertThat(summariesOut.isEmpty()).as("no summary before the call ends").isTrue();
    send(switchIn, event("4567", "C_DROP", EventSource.SWITCH, ucid, T0.plusSeconds(66)));
    send(switchIn, event("4567", "C_CALLEND", EventSource.SWITCH, ucid, T0.plusSeconds(66)));

    CallSummary s = summariesOut.readValue();
    assertThat(s.getCallKey()).isEqualTo(ucid);
    assertThat(s.getOutcome()).isEqualTo(CallOutcome.ANSWERED);
    assertThat(s.getOfferedTime()).isEqualTo(T0);
    assertThat(s.getConnectedTime()).isEqualTo(T0.plusSeconds(6));
    assertThat(s.getEndedTime()).isEqualTo(T0.plusSeconds(66));
    assertThat(s.getRingMs()).isEqualTo(6000);
    assertThat(s.getTalkMs()).isEqualTo(60000);
    assertThat(s.getVdn()).isEqualTo("4500");
    assertThat(s.getExtensions()).containsExactly("4567");
    assertThat(s.getEventCount()).isEqualTo(5);
    assertThat(summariesOut.isEmpty()).isTrue();
  }

  @Test
  void aCallDroppedBeforeAnswerIsAbandoned() {
    String ucid = "00001000011700000002";
    send(switchIn, event("4567", "C_OFFERED", EventSource.SWITCH, ucid, T0));
    send(switchIn, event("4567", "C_ALERTING", EventSource.SWITCH, ucid, T0.plusSeconds(1)));
    send(switchIn, event("4567", "C_DROP", EventSource.SWITCH, ucid, T0.plusSeconds(9)));
    send(switchIn, event("4567", "C_CALLEND", EventSource.SWITCH, ucid, T0.plusSeconds(9)));

    CallSummary s = summariesOut.readValue();
    assertThat(s.getOutcome()).isEqualTo(CallOutcome.ABANDONED);
    assertThat(s.getConnectedTime()).isNull();
    assertThat(s.getTalkMs()).isNull();
  }

  @Test
  void aDialerCallThatWasDisconnectedUnansweredIsAbandonedNotAnswered() {
    // Both names contain CONNECTED or ANSWERED: only exact classification keeps this call abandoned.
    String ucid = "dialer-4501-7";
    send(dialerIn, event("4501", "OFFERED", EventSource.DIALER, ucid, T0));
    send(dialerIn, event("4501", "UNANSWERED", EventSource.DIALER, ucid, T0.plusSeconds(20)));
    send(dialerIn, event("4501", "DISCONNECTED", EventSource.DIALER, ucid, T0.plusSeconds(21)));
    send(dialerIn, event("4501", "CALL_END", EventSource.DIALER, ucid, T0.plusSeconds(21)));

    CallSummary s = summariesOut.readValue();
    assertThat(s.getOutcome()).isEqualTo(CallOutcome.ABANDONED);
    assertThat(s.getConnectedTime()).isNull();
    assertThat(s.getRingMs()).isNull();
    assertThat(s.getEventCount()).isEqualTo(4);
  }

  @Test
  void aTransferredCallNamesEveryExtensionItTouched() {
    String ucid = "00001000011700000003";
    send(switchIn, event("4567", "C_OFFERED", EventSource.SWITCH, ucid, T0));
    send(switchIn, event("4567", "C_CONNECTED", EventSource.SWITCH, ucid, T0.plusSeconds(3)));
    send(switchIn, event("4567", "C_TRANSFERRED", EventSource.SWITCH, ucid, T0.plusSeconds(40)));
    send(switchIn, event("4590", "C_CONNECTED", EventSource.SWITCH, ucid, T0.plusSeconds(41)));
    send(switchIn, event("4590", "C_DROP", EventSource.SWITCH, ucid, T0.plusSeconds(100)));
    send(switchIn, event("4590", "C_CALLEND", EventSource.SWITCH, ucid, T0.plusSeconds(100)));

    CallSummary s = summariesOut.readValue();
    assertThat(s.getOutcome()).isEqualTo(CallOutcome.TRANSFERRED);
    assertThat(s.getExtensions()).containsExactly("4567", "4590");
    assertThat(s.getConnectedTime()).isEqualTo(T0.plusSeconds(3));
    assertThat(s.getTalkMs()).isEqualTo(97_000);
  }

  @Test
  void aCallThatNeverEndsIsClosedAfterTheTimeout() {
    String ucid = "00001000011700000004";
    send(switchIn, event("4567", "C_OFFERED", EventSource.SWITCH, ucid, T0));
    drivers.advanceWallClockTime(Duration.ofMinutes(5));
    assertThat(summariesOut.isEmpty()).isTrue();

    drivers.advanceWallClockTime(Duration.ofMinutes(6));

    CallSummary s = summariesOut.readValue();
    assertThat(s.getCallKey()).isEqualTo(ucid);
    assertThat(s.getOutcome()).isEqualTo(CallOutcome.TIMED_OUT);
  }

  @Test
  void aCorruptRecordIsDeadLetteredAndTheNextEventStillFlows() {
    byte[] garbage = {0x42, 0x00, 0x13, 0x37};
    switchRaw.pipeInput("4567", garbage);
    send(switchIn, event("4567", "C_CONNECTED", EventSource.SWITCH, null, T0));

    DeadLetter letter = deadLettersOut.readValue();
    assertThat(letter.getSource()).isEqualTo("streams-app.deserialize");
    assertThat(letter.getOriginTopic()).isEqualTo(Topics.SWITCH_EVENTS.name());
    assertThat(letter.getOriginOffset()).isEqualTo(0L);
    assertThat(letter.getPayload().array()).isEqualTo(garbage);
    assertThat(letter.getDetail()).contains("magic byte");
    assertThat(deadLettered.count()).as("this instance's dead-letter counter").isEqualTo(1.0);
    assertThat(drivers.sequenced()).extracting(ExtensionEvent::getSeq).containsExactly(1L);
  }

  @Test
  void aCorruptSequencedRecordIsDeadLetteredByTheDerivedOutputsAndTheNextStillMakesState() {
    byte[] garbage = {0x00, 0x7f, 0x7f, 0x7f, 0x7f, 0x01};
    drivers.derived().createInputTopic(Topics.EXTENSION_EVENTS.name(), new StringSerializer(), new ByteArraySerializer())
        .pipeInput("4567", garbage);
    send(switchIn, event("4567", "C_CONNECTED", EventSource.SWITCH, null, T0));

    DeadLetter letter = drivers.derived().createOutputTopic(Topics.DEAD_LETTER.name(), new StringDeserializer(),
        new AvroDeserializer<>(registry, DeadLetter.class)).readValue();
    assertThat(letter.getOriginTopic()).isEqualTo(Topics.EXTENSION_EVENTS.name());
    assertThat(letter.getPayload().array()).isEqualTo(garbage);
    assertThat(stateOut.readValuesToList()).extracting(ExtensionState::getSeq).containsExactly(1L);
  }

  @Test
  void configuredPropertiesPickExactlyOnceAndLowLatency() {
    StreamsAppConfig config = StreamsAppConfig.from(com.callcentre.events.runtime.config.Env.of(Map.of()));
    Properties p = config.streamsProperties();
    assertThat(p.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("call-events-streams");
    assertThat(p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(p.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(20L);
    assertThat(p.get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)).isEqualTo(0);
    assertThat(p.get(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG))).isEqualTo(10);
    assertThat(StreamsAppConfig.from(com.callcentre.events.runtime.config.Env.of(Map.of("STREAMS_FETCH_MAX_WAIT", "5ms")))
        .streamsProperties().get(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG))).isEqualTo(5);
  }

  @Test
  void theDerivedOutputsAreTheirOwnApplicationCommittingLessOften() {
    StreamsAppConfig config = StreamsAppConfig.from(com.callcentre.events.runtime.config.Env.of(
        Map.of("STREAMS_APPLICATION_ID", "site-a", "STREAMS_DERIVED_COMMIT_INTERVAL", "2s")));
    Properties p = config.derivedStreamsProperties();
    assertThat(p.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("site-a-derived");
    assertThat(p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(p.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(2000L);
    assertThat(config.streamsProperties().get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(20L);
    assertThat(StreamsAppConfig.from(com.callcentre.events.runtime.config.Env.of(Map.of())).derivedCommitInterval())
        .isEqualTo(Duration.ofSeconds(1));
  }
}
