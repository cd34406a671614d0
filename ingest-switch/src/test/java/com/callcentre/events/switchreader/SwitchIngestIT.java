package com.callcentre.events.switchreader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.callcentre.events.asai.SimulatorControl;
import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.DeadLetter;
import com.callcentre.events.infra.LocalInfra;
import com.callcentre.events.testsupport.SharedInfra;
import com.callcentre.events.testsupport.TopicReader;
import com.callcentre.events.runtime.config.Env;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.serde.AvroDeserializer;
import com.callcentre.events.schemas.topics.TopicProvisioner;
import com.callcentre.events.schemas.topics.TopicSettings;
import com.callcentre.events.schemas.topics.Topics;
import com.sun.jna.Native;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The switch reader on the C simulator, through the JNA binding, into the real broker. */
class SwitchIngestIT {
  /** Four scripted calls: answered, abandoned, hold/reconnect, transfer. */
  static final List<String> FOUR_CALLS = List.of(
      "C_OFFERED", "C_ALERTING", "C_CONNECTED", "C_DROP", "C_CALLEND",
      "C_OFFERED", "C_ALERTING", "C_DROP", "C_CALLEND",
      "C_OFFERED", "C_ALERTING", "C_CONNECTED", "C_HOLD", "C_RECONNECT", "C_DROP", "C_CALLEND",
      "C_OFFERED", "C_ALERTING", "C_CONNECTED", "C_HOLD", "C_TRANSFERRED", "C_CONNECTED", "C_DROP", "C_CALLEND");

  /**
   * The extension each of those events is keyed by: the VDN while the call is only offered, then
   * the agent (VDN + 01..04), and the transfer target (VDN + 09) after the transfer.
   */
  static List<String> fourCallKeys(String vdn) {
    List<String> keys = new java.util.ArrayList<>();
    int[] lengths = {5, 4, 7, 8};
    for (int call = 1; call <= 4; call++) {
      String agent = vdn + "0" + call;
      for (int step = 0; step < lengths[call - 1]; step++) {
        boolean transferred = call == 4 && step >= 5;
        keys.add(step == 0 ? vdn : transferred ? vdn + "09" : agent);
      }
    }
    return keys;
  }

  /**
   * Kafka orders per key (per extension), which is the order an agent's screen needs; across
   * extensions the partitions interleave freely. So the check is per extension.
   */
  static void assertInOrderPerExtension(List<CallEvent> events, String vdn) {
    Map<String, List<String>> expected = new java.util.LinkedHashMap<>();
    List<String> keys = fourCallKeys(vdn);
    for (int i = 0; i < FOUR_CALLS.size(); i++) {
      expected.computeIfAbsent(keys.get(i), k -> new java.util.ArrayList<>()).add(FOUR_CALLS.get(i));
    }
    Map<String, List<String>> actual = new java.util.LinkedHashMap<>();
    events.forEach(e -> actual.computeIfAbsent(e.getConnectNum(), k -> new java.util.ArrayList<>()).add(e.getEventNameS()));
    assertThat(events).hasSize(FOUR_CALLS.size());
    assertThat(actual).isEqualTo(expected);
  }

  private static LocalInfra infra;
  private static SchemaRegistryClient registry;
  private static Vertx vertx;
  private static final SimulatorControl SIM = Native.load("asaisim", SimulatorControl.class);

  @BeforeAll
  static void start() throws Exception {
    infra = SharedInfra.get();
    TopicProvisioner.ensureAll(infra.bootstrapServers(), TopicSettings.defaults());
    registry = SchemaRegistryClient.forUrl(infra.registryUrl());
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  /** A VDN no other test of this JVM used: two tests drawing the same random VDN read each other's records (it happened once). */
  private static String vdn() {
    return "9" + NEXT_VDN.getAndIncrement();
  }

  private static final java.util.concurrent.atomic.AtomicInteger NEXT_VDN =
      new java.util.concurrent.atomic.AtomicInteger(ThreadLocalRandom.current().nextInt(100, 900));

  private static SwitchService start(String vdn, String simulator) throws Exception {
    SIM.asai_sim_configure(simulator);
    return SwitchService.start(SwitchConfig.from(Env.of(Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", infra.bootstrapServers(),
        "SCHEMA_REGISTRY_URL", infra.registryUrl(),
        "SWITCH_VDNS", vdn,
        "SWITCH_RECONNECT_INITIAL", "100ms",
        "SWITCH_RECONNECT_MAX", "400ms",
        "SWITCH_HEALTHY_RESET", "60s",
        "SWITCH_HTTP_PORT", "0"))), vertx, false);
  }

  private static List<CallEvent> events(String vdn, int count) {
    return TopicReader.readCount(infra.bootstrapServers(), Topics.SWITCH_EVENTS.name(),
            new AvroDeserializer<CallEvent>(registry, CallEvent.class), r -> vdn.equals(r.value().getVdn()), count,
            Duration.ofSeconds(60))
        .stream().map(ConsumerRecord::value).toList();
  }

  @Test
  void aScriptedCallFlowArrivesAsAvroEventsInOrderWithRawBuffers() throws Exception {
    String vdn = vdn();
    try (SwitchService service = start(vdn, "mode=scripted,calls=4,interval_ms=2")) {
      List<CallEvent> events = events(vdn, FOUR_CALLS.size());
      assertInOrderPerExtension(events, vdn);
      CallEvent connected = events.stream().filter(e -> e.getEventNameS().equals("C_CONNECTED")
          && e.getConnectNum().equals(vdn + "01")).findFirst().orElseThrow();
      assertThat(connected.getCallingNum()).startsWith("303555");
      assertThat(connected.getCalledNum()).isEqualTo(vdn);
      assertThat(connected.getUcid()).hasSize(20).isEqualTo(connected.getCallUniqueId());
      // version 7 uuids, made in the order the buffers were read, so the streams-app's seen-uuid
      // store inserts them in order (EventUuids)
      assertThat(events).allSatisfy(e -> assertThat(UUID.fromString(e.getEventUuid()).version()).isEqualTo(7));
      events.stream().collect(Collectors.groupingBy(CallEvent::getConnectNum, Collectors.mapping(CallEvent::getEventUuid,
          Collectors.toList()))).forEach((extension, uuids) -> assertThat(uuids).as(extension).isSorted());

      List<ConsumerRecord<String, byte[]>> raw = TopicReader.readCount(infra.bootstrapServers(), Topics.RAW_ASAI.name(),
          new ByteArrayDeserializer(), r -> vdn.equals(r.key()), FOUR_CALLS.size(), Duration.ofSeconds(30));
      assertThat(raw).hasSize(FOUR_CALLS.size());
      assertThat(new String(raw.get(0).headers().lastHeader("layout-id").value(), StandardCharsets.UTF_8)).isEqualTo("simulator-lp64");
      assertThat(raw.get(0).headers().lastHeader("buffer-address").value()).hasSize(8);

      // The producer's own metrics: every event and its raw buffer went through it.
      String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create("http://127.0.0.1:" + service.opsPort() + "/metrics")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()).body();
      assertThat(metrics.lines().filter(l -> l.startsWith("kafka_producer_record_send_total{")
              && l.contains("client_id=\"ingest-switch\""))
          .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum())
          .as("records the switch reader's producer sent").isGreaterThanOrEqualTo(2.0 * FOUR_CALLS.size());
    }
  }

  @Test
  void aLinkDownIsFollowedByReconnectsWithGrowingDelaysAndNoEventIsLost() throws Exception {
    String vdn = vdn();
    try (SwitchService service = start(vdn, "mode=scripted,calls=4,interval_ms=2,link_down_every=5")) {
      assertInOrderPerExtension(events(vdn, FOUR_CALLS.size()), vdn);

      VdnStatus status = service.statuses().get(vdn);
      List<Long> delays = status.recentReconnectDelaysMs();
      assertThat(delays).hasSizeGreaterThanOrEqualTo(4);
      long[] nominal = {100, 200, 400, 400};
      for (int i = 0; i < nominal.length; i++) {
        assertThat(delays.get(i)).as("delay " + i + " of " + delays).isBetween(nominal[i] * 8 / 10, nominal[i] * 12 / 10);
      }
      await().atMost(Duration.ofSeconds(10)).until(status::isConnected);
    }
  }

  @Test
  void garbageBuffersAreDeadLetteredWithTheirBytesWhileGoodEventsKeepFlowing() throws Exception {
    String vdn = vdn();
    try (SwitchService service = start(vdn, "mode=scripted,calls=4,interval_ms=2,garbage_every=4")) {
      assertInOrderPerExtension(events(vdn, FOUR_CALLS.size()), vdn);

      List<DeadLetter> letters = TopicReader.readCount(infra.bootstrapServers(), Topics.DEAD_LETTER.name(),
              new AvroDeserializer<DeadLetter>(registry, DeadLetter.class),
              r -> r.value().getSource().equals("ingest-switch.vdn-" + vdn), 5, Duration.ofSeconds(30))
          .stream().map(ConsumerRecord::value).toList();
      assertThat(letters).hasSizeGreaterThanOrEqualTo(5);
      assertThat(letters).allSatisfy(l -> {
        assertThat(l.getReason()).isEqualTo("not_an_event_report");
        assertThat(l.getPayload().remaining()).isEqualTo(160);
        assertThat(l.getPayload().get(0)).isEqualTo((byte) 0x77);
        assertThat(l.getHeaders()).containsKeys("vdn", "layout-id", "received-at");
      });
      assertThat(service.statuses().get(vdn).rejected()).isGreaterThanOrEqualTo(5);
    }
  }

  /**
   * Every fault at once on one VDN (its link drops every 5 events, every 4th buffer is garbage,
   * every read is 30 ms slow) and the first 3 opens refused, beside a healthy VDN: both deliver
   * every call in order, the healthy one without a reconnect past the refused opens or a rejected
   * buffer, and every buffer the faulty one received is in the raw topic.
   */
  @Test
  void aFaultyVdnRecoversWhileAnotherIsUnaffectedAndEveryBufferIsCaptured() throws Exception {
    String faulty = vdn();
    String healthy = faulty + "1";
    SIM.asai_sim_configure("mode=scripted,calls=4,interval_ms=2,fault_vdn=" + faulty
        + ",link_down_every=5,garbage_every=4,slow_read_ms=30,refuse_opens=3");
    try (SwitchService service = SwitchService.start(SwitchConfig.from(Env.of(Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", infra.bootstrapServers(), "SCHEMA_REGISTRY_URL", infra.registryUrl(),
        "SWITCH_VDNS", faulty + "," + healthy, "SWITCH_RECONNECT_INITIAL", "100ms", "SWITCH_RECONNECT_MAX", "400ms",
        "SWITCH_HEALTHY_RESET", "60s", "SWITCH_HTTP_PORT", "0"))), vertx, false)) {
      assertInOrderPerExtension(events(healthy, FOUR_CALLS.size()), healthy);
      assertInOrderPerExtension(events(faulty, FOUR_CALLS.size()), faulty);

      VdnStatus bad = service.statuses().get(faulty);
      VdnStatus good = service.statuses().get(healthy);
      assertThat(good.rejected()).as("rejected buffers on the healthy VDN").isZero();
      assertThat(good.reconnects()).as("reconnects of the healthy VDN (refused opens only)").isLessThanOrEqualTo(3);
      assertThat(bad.rejected()).as("garbage buffers on the faulty VDN").isPositive();
      assertThat(bad.reconnects()).as("reconnects of the faulty VDN").isGreaterThanOrEqualTo(4);
      await().atMost(Duration.ofSeconds(10)).until(bad::isConnected);
      long received = bad.decoded() + bad.rejected();
      List<ConsumerRecord<String, byte[]>> raw = TopicReader.readCount(infra.bootstrapServers(), Topics.RAW_ASAI.name(),
          new ByteArrayDeserializer(), r -> faulty.equals(r.key()), (int) received, Duration.ofSeconds(30));
      assertThat(raw).as("raw buffers of the faulty VDN, decoded %d + rejected %d", bad.decoded(), bad.rejected())
          .hasSize((int) received);
    }
  }

  @Test
  void shutdownClosesEveryFdAndStopsEveryReaderThread() throws Exception {
    String a = vdn();
    String b = a + "1";
    SIM.asai_sim_configure("mode=random,interval_ms=50");
    SwitchService service = SwitchService.start(SwitchConfig.from(Env.of(Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", infra.bootstrapServers(), "SCHEMA_REGISTRY_URL", infra.registryUrl(),
        "SWITCH_VDNS", a + "," + b, "SWITCH_HTTP_PORT", "0"))), vertx, false);
    await().atMost(Duration.ofSeconds(10)).until(() -> service.statuses().values().stream().allMatch(VdnStatus::isConnected));
    assertThat(SIM.asai_sim_open_fds().longValue()).isEqualTo(2);

    service.close();

    assertThat(SIM.asai_sim_open_fds().longValue()).isZero();
    assertThat(Collections.list(java.util.Collections.enumeration(Thread.getAllStackTraces().keySet())))
        .noneMatch(t -> t.getName().startsWith("vdn-reader-") && t.isAlive());
  }
}
