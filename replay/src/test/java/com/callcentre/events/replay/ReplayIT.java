package com.callcentre.events.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.callcentre.events.asai.SimulatorControl;
import com.callcentre.events.avro.CallSummary;
import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.dialer.DialerConfig;
import com.callcentre.events.dialer.DialerService;
import com.callcentre.events.infra.LocalInfra;
import com.callcentre.events.runtime.config.Env;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.serde.AvroDeserializer;
import com.callcentre.events.schemas.topics.TopicProvisioner;
import com.callcentre.events.schemas.topics.TopicSettings;
import com.callcentre.events.schemas.topics.Topics;
import com.callcentre.events.streams.StreamsAppConfig;
import com.callcentre.events.streams.StreamsService;
import com.callcentre.events.switchreader.SwitchConfig;
import com.callcentre.events.switchreader.SwitchService;
import com.callcentre.events.testsupport.SharedInfra;
import com.callcentre.events.testsupport.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.jna.Native;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * bin/replay against the real broker and registry, on events made by the real ingest path (the
 * switch simulator through ingest-switch, the dialer over HTTP) and sequenced by the real
 * streams-app, with the whole pipeline restarted half-way so every range straddles a restart.
 */
class ReplayIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final SimulatorControl SIM = Native.load("asaisim", SimulatorControl.class);
  /** Events per scripted simulator run of 4 calls (see SwitchIngestIT). */
  private static final int SWITCH_EVENTS_PER_RUN = 24;

  private static LocalInfra infra;
  private static Vertx vertx;
  private static Path stateDir;
  private static String vdn;
  private static String dialerExtension;
  private static Instant started;
  private static Instant restarted;
  private static final List<AutoCloseable> running = new ArrayList<>();

  @BeforeAll
  static void runThePipelineTwice() throws Exception {
    infra = SharedInfra.get();
    TopicProvisioner.ensureAll(infra.bootstrapServers(), TopicSettings.defaults());
    vertx = Vertx.vertx();
    stateDir = Files.createTempDirectory("replay-it-streams-");
    vdn = "7" + ThreadLocalRandom.current().nextInt(100, 999);
    dialerExtension = "66" + ThreadLocalRandom.current().nextInt(100, 999);
    started = Instant.now().minusSeconds(1);

    runPipeline("first");
    awaitSequenced(4, SWITCH_EVENTS_PER_RUN);
    stopPipeline();
    restarted = Instant.now();
    runPipeline("second");
    awaitSequenced(8, 2 * SWITCH_EVENTS_PER_RUN);
    stopPipeline();
  }

  @AfterAll
  static void stop() throws Exception {
    stopPipeline();
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  private static void runPipeline(String run) throws Exception {
    Map<String, String> env = new HashMap<>(Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", infra.bootstrapServers(),
        "SCHEMA_REGISTRY_URL", infra.registryUrl(),
        "STREAMS_APPLICATION_ID", "replay-it-streams",
        "STREAMS_STATE_DIR", stateDir.toString(),
        "STREAMS_HTTP_PORT", "0",
        "SWITCH_VDNS", vdn,
        "SWITCH_HTTP_PORT", "0",
        "DIALER_HTTP_PORT", "0",
        "DIALER_ZMQ_ENDPOINT", "tcp://127.0.0.1:0"));
    Env vars = Env.of(env);
    running.add(StreamsService.start(StreamsAppConfig.from(vars), vertx, false));
    SIM.asai_sim_configure("mode=scripted,calls=4,interval_ms=2");
    running.add(SwitchService.start(SwitchConfig.from(vars), vertx, false));
    DialerService dialer = DialerService.start(DialerConfig.from(vars), vertx, false);
    running.add(dialer);
    for (String name : List.of("OFFERED", "CONNECTED", "DISCONNECTED", "CALL_END")) {
      String body = "{\"connect_num\":\"" + dialerExtension + "\",\"event_name_s\":\"" + name
          + "\",\"calling_num\":\"3035550100\",\"vdn\":\"4500\",\"call_unique_id\":\"dialer-" + run + "-" + vdn + "\"}";
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dialer.httpPort()
          + "/dialer/events")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
  }

  private static void stopPipeline() throws Exception {
    for (int i = running.size() - 1; i >= 0; i--) {
      running.get(i).close();
    }
    running.clear();
  }

  /**
   * Waits until the streams-app has sequenced the dialer extension's events and the switch VDN's,
   * and has summarised each of the VDN's calls that ended. The summaries come from the derived
   * outputs, which fetch and commit on a slower clock of their own (up to half a second and a
   * second): stopping the pipeline before they have read the last events would leave those calls
   * unsummarised until the next start.
   */
  private static void awaitSequenced(int dialerEvents, int switchEvents) {
    SchemaRegistryClient registry = SchemaRegistryClient.forUrl(infra.registryUrl());
    int expected = dialerEvents + switchEvents;
    List<ConsumerRecord<String, ExtensionEvent>> events = TopicReader.readCount(infra.bootstrapServers(),
        Topics.EXTENSION_EVENTS.name(), new AvroDeserializer<ExtensionEvent>(registry, ExtensionEvent.class),
        r -> dialerExtension.equals(r.key()) || vdn.equals(r.value().getEvent().getVdn()), expected, Duration.ofSeconds(90));
    assertThat(events).hasSize(expected);
    Set<String> ended = events.stream().map(r -> r.value().getEvent())
        .filter(e -> vdn.equals(e.getVdn()) && "C_CALLEND".equals(e.getEventNameS()))
        .map(e -> e.getUcid()).collect(Collectors.toSet());
    assertThat(ended).as("the scripted calls end").isNotEmpty();
    List<ConsumerRecord<String, CallSummary>> summaries = TopicReader.read(infra.bootstrapServers(),
        Topics.CALL_SUMMARIES.name(), new AvroDeserializer<CallSummary>(registry, CallSummary.class),
        r -> vdn.equals(r.value().getVdn()), kept -> summarised(kept).containsAll(ended), Duration.ofSeconds(90));
    assertThat(summarised(summaries)).as("every ended call of the VDN summarised").containsAll(ended);
  }

  private static Set<String> summarised(List<ConsumerRecord<String, CallSummary>> summaries) {
    return summaries.stream().map(r -> r.value().getUcid()).collect(Collectors.toSet());
  }

  record Result(int exit, String out, String err) {
    List<JsonNode> jsonLines() throws Exception {
      List<JsonNode> lines = new ArrayList<>();
      for (String line : out.split("\n")) {
        if (!line.isBlank()) {
          lines.add(JSON.readTree(line));
        }
      }
      return lines;
    }
  }

  static Result replay(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (all.contains("--help")) {
      return execute(all);
    }
    if (!all.contains("--bootstrap-servers")) {
      all.addAll(List.of("--bootstrap-servers", infra.bootstrapServers()));
    }
    if (!all.contains("--registry-url")) {
      all.addAll(List.of("--registry-url", infra.registryUrl()));
    }
    if (!all.contains("--from")) {
      all.addAll(List.of("--from", started.toString()));
    }
    return execute(all);
  }

  private static Result execute(List<String> all) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cl = ReplayMain.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(all.toArray(String[]::new));
    return new Result(exit, out.toString(), err.toString());
  }

  @Test
  void eventsOfAnExtensionAcrossARestartAreEveryEventInOrderWithAGapFreeSequence() throws Exception {
    Result r = replay("events", "--extension", dialerExtension, "--json", "--no-progress");
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    List<JsonNode> rows = r.jsonLines();
    List<String> dialerNames = rows.stream().filter(n -> n.get("kind").asText().equals("dialer"))
        .map(n -> n.get("event").asText()).toList();
    assertThat(dialerNames).containsExactly("OFFERED", "CONNECTED", "DISCONNECTED", "CALL_END",
        "OFFERED", "CONNECTED", "DISCONNECTED", "CALL_END");
    List<Long> seqs = rows.stream().filter(n -> n.get("kind").asText().equals("sequenced"))
        .map(n -> n.get("seq").asLong()).toList();
    assertThat(seqs).as("sequenced before and after the restart, no gap, no repeat").containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    assertThat(rows).allSatisfy(n -> assertThat(n.get("extension").asText()).isEqualTo(dialerExtension));
  }

  @Test
  void theDefaultTableIsAlignedAndCsvHasAHeader() {
    Result table = replay("events", "--vdn", vdn, "--event-name", "c_connected", "--topics", "switch");
    assertThat(table.exit()).as(table.err()).isEqualTo(0);
    String[] lines = table.out().split("\n");
    assertThat(lines[0]).startsWith("time").contains("kind").contains("extension").contains("event");
    assertThat(lines).as("3 calls connect in each of the two runs, one of them twice (transfer)").hasSize(1 + 2 * 4);
    int eventColumn = lines[0].indexOf("event");
    assertThat(lines[1].substring(eventColumn)).startsWith("C_CONNECTED");

    Result csv = replay("events", "--vdn", vdn, "--topics", "switch", "--format", "csv");
    assertThat(csv.out().split("\n")[0]).startsWith("time,kind,extension,event,calling,called,vdn,call");
    assertThat(csv.out().split("\n")).hasSize(1 + 2 * SWITCH_EVENTS_PER_RUN);
  }

  @Test
  void theStoryOfOneCallShowsItsSequenceNumbersRawBuffersAndSummary() throws Exception {
    Result connects = replay("events", "--vdn", vdn, "--event-name", "C_CONNECTED", "--topics", "switch", "--json");
    String ucid = connects.jsonLines().get(0).get("call").asText();

    // The simulator numbers calls from 1 again after the restart: the first run alone holds this call once.
    Result r = replay("call", ucid, "--to", restarted.toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).contains("== events of call " + ucid).contains("== summary");
    List<String> eventLines = r.out().lines().takeWhile(l -> !l.isBlank()).skip(2).toList();
    assertThat(eventLines).hasSize(5);
    assertThat(eventLines.get(0)).contains("C_OFFERED").contains("bytes at");
    assertThat(eventLines.get(4)).contains("C_CALLEND");
    assertThat(r.out()).contains("ANSWERED");

    Result json = replay("call", ucid, "--json", "--to", restarted.toString());
    List<JsonNode> events = json.jsonLines().stream().filter(n -> n.get("section").asText().startsWith("events")).toList();
    assertThat(events).allSatisfy(n -> {
      assertThat(n.get("seq").isNumber()).as("every event was sequenced: " + n).isTrue();
      assertThat(n.get("ingest_to_seq_ms").asLong()).isBetween(0L, 60_000L);
      assertThat(n.get("raw").asText()).matches("\\d+ bytes at \\d+@\\d+");
    });
  }

  @Test
  void reparseWithTodaysLayoutChangesNothingAndCatchesAChangedLayout() throws Exception {
    Result same = replay("reparse", "--vdn", vdn);
    assertThat(same.exit()).as(same.err()).isEqualTo(0);
    assertThat(same.out()).startsWith("reparsed " + 2 * SWITCH_EVENTS_PER_RUN + " buffers with layout simulator-lp64: "
        + 2 * SWITCH_EVENTS_PER_RUN + " unchanged");

    // A "fix" that swaps where calling and called numbers are: every buffer with both now decodes differently.
    String layout = new String(getClass().getResourceAsStream("/asai/layouts/simulator-lp64.properties").readAllBytes());
    Path swapped = Files.createTempFile("swapped-", ".properties");
    Files.writeString(swapped, layout.replace("layout.id=simulator-lp64", "layout.id=swapped")
        .replace("offset.en_rep_t.calling_num=64", "offset.en_rep_t.calling_num=72")
        .replace("offset.en_rep_t.called_num=72", "offset.en_rep_t.called_num=64"));
    Result changed = replay("reparse", "--vdn", vdn, "--layout", swapped.toString(), "--json");
    assertThat(changed.exit()).as(changed.err()).isEqualTo(0);
    List<JsonNode> rows = changed.jsonLines();
    assertThat(rows).isNotEmpty().allSatisfy(n -> {
      assertThat(n.get("verdict").asText()).isEqualTo("CHANGED");
      assertThat(n.get("changes").asText()).contains("calling_num: ").contains("called_num: ");
    });

    // A layout whose event-report code is wrong: nothing decodes any more.
    Path broken = Files.createTempFile("broken-", ".properties");
    Files.writeString(broken, layout.replace("enum.C_EN_REP=25", "enum.C_EN_REP=26"));
    Result failing = replay("reparse", "--vdn", vdn, "--layout", broken.toString());
    assertThat(failing.out()).contains(2 * SWITCH_EVENTS_PER_RUN + " no_longer_decodes");
  }

  @Test
  void driveCopiesARangeIntoSandboxTopicsAndRefusesProductionNames() {
    String prefix = "it-sandbox-" + ThreadLocalRandom.current().nextInt(100_000) + ".";
    Result r = replay("drive", "--prefix", prefix, "--speed", "max", "--topics", Topics.DIALER_EVENTS.name());
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).contains("into " + prefix + Topics.DIALER_EVENTS.name());
    long driven = TopicReader.read(infra.bootstrapServers(), prefix + Topics.DIALER_EVENTS.name(),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer(), x -> true, all -> false, Duration.ofSeconds(5)).size();
    assertThat(r.out()).contains("drove " + driven + " records");
    assertThat(driven).isGreaterThanOrEqualTo(8);

    Result refused = replay("drive", "--prefix", "", "--speed", "max");
    assertThat(refused.exit()).isEqualTo(ExitCode.REFUSED.code());
    assertThat(refused.err()).contains("refusing to write into the production topic call-events.switch.v1");
  }

  @Test
  void errorsHaveClearMessagesAndDistinctExitCodes() {
    Result backwards = replay("events", "--from", "10:05", "--to", "10:02");
    assertThat(backwards.exit()).isEqualTo(ExitCode.USAGE.code());
    assertThat(backwards.err()).contains("the time range is empty");

    Result garbage = replay("events", "--from", "yesterday-ish");
    assertThat(garbage.exit()).isEqualTo(2);
    assertThat(garbage.err()).contains("--from 'yesterday-ish' is not a time");

    Result nothing = replay("events", "--extension", "000000000");
    assertThat(nothing.exit()).isEqualTo(ExitCode.NO_MATCH.code());
    assertThat(nothing.err()).contains("no records matched");

    Result unknown = replay("drive", "--topics", "no-such-topic.v1");
    assertThat(unknown.exit()).isEqualTo(ExitCode.UNKNOWN_TOPIC.code());

    long t0 = System.nanoTime();
    Result noBroker = replay("events", "--bootstrap-servers", "127.0.0.1:1", "--timeout", "2");
    assertThat(noBroker.exit()).isEqualTo(ExitCode.BROKER_UNREACHABLE.code());
    assertThat(noBroker.err()).contains("no Kafka broker answered at 127.0.0.1:1");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("bounded wait").isLessThan(Duration.ofSeconds(30));

    Result noRegistry = replay("events", "--registry-url", "http://127.0.0.1:1/apis/ccompat/v7", "--timeout", "2");
    assertThat(noRegistry.exit()).isEqualTo(ExitCode.REGISTRY_UNREACHABLE.code());
    assertThat(noRegistry.err()).contains("the schema registry at http://127.0.0.1:1");

    Result badOption = replay("events", "--frobnicate");
    assertThat(badOption.exit()).isEqualTo(2);
  }

  @Test
  void everySubcommandHasHelp() {
    for (String sub : List.of("events", "call", "reparse", "drive")) {
      Result r = replay(sub, "--help");
      assertThat(r.exit()).isZero();
      assertThat(r.out()).contains("Usage: bin/replay " + sub).contains("--from").contains("--bootstrap-servers");
    }
    assertThat(replay("--help").out()).contains("Exit codes:").contains("no Kafka broker answered within --timeout");
  }
}
