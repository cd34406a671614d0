package com.callcentre.events.dialer;

import static org.assertj.core.api.Assertions.assertThat;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.DeadLetter;
import com.callcentre.events.dialer.client.InjectorSocket;
import com.callcentre.events.dialer.intake.IntakeLimits;
import com.callcentre.events.infra.LocalInfra;
import com.callcentre.events.testsupport.SharedInfra;
import com.callcentre.events.testsupport.TopicReader;
import com.callcentre.events.runtime.kafka.KafkaSettings;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.serde.AvroDeserializer;
import com.callcentre.events.schemas.topics.TopicProvisioner;
import com.callcentre.events.schemas.topics.TopicSettings;
import com.callcentre.events.schemas.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** The dialer intake against the real broker and registry, driven as the workstations drive it. */
class DialerIntakeIT {
  private static LocalInfra infra;
  private static DialerService service;
  private static SchemaRegistryClient registry;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    infra = SharedInfra.get();
    TopicProvisioner.ensureAll(infra.bootstrapServers(), TopicSettings.defaults());
    registry = SchemaRegistryClient.forUrl(infra.registryUrl());
    service = DialerService.start(config(new KafkaSettings(infra.bootstrapServers(), infra.registryUrl()), Duration.ofSeconds(5)));
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  static DialerConfig config(KafkaSettings kafka, Duration replyTimeout) {
    return new DialerConfig(kafka, "tcp://127.0.0.1:0", "127.0.0.1", 0, replyTimeout, 10_000,
        new IntakeLimits(2048, 32, 256, Pattern.compile("[0-9]{2,15}"), 100));
  }

  /** A fresh extension per test, so tests sharing the broker never read each other's events. */
  private static String extension() {
    return "7" + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
  }

  /**
   * A workstation injector: a REQ socket that sends one JSON object and waits for the one reply,
   * 10 s at most (as long as the VB.NET injector waits). It sends each request once: the socket is
   * an {@link InjectorSocket}, whose short handshake interval recovers JeroMQ's stalled connects
   * without the application resending anything.
   */
  static final class Injector implements AutoCloseable {
    private final ZContext context = new ZContext();
    private final ZMQ.Socket req;

    Injector(String endpoint) {
      req = InjectorSocket.connect(context, endpoint, Duration.ofSeconds(10));
    }

    /** The reply, or null if none came within 10 s. */
    String send(byte[] message) {
      req.send(message);
      return req.recvStr();
    }

    @Override
    public void close() {
      context.close();
    }
  }

  static String inject(String endpoint, byte[] message) {
    try (Injector injector = new Injector(endpoint)) {
      return injector.send(message);
    }
  }

  static String injectorJson(Map<String, String> pairs) {
    StringBuilder sw = new StringBuilder("{");
    boolean notFirst = false;
    for (var kvp : pairs.entrySet()) {
      if (notFirst) {
        sw.append(',');
      }
      sw.append(String.format("\"%s\" : \"%s\"", kvp.getKey(), kvp.getValue()));
      notFirst = true;
    }
    return sw.append('}').toString();
  }

  private static List<CallEvent> dialerEvents(String extension, int count) {
    return TopicReader.readCount(infra.bootstrapServers(), Topics.DIALER_EVENTS.name(),
            new AvroDeserializer<CallEvent>(registry, CallEvent.class), r -> r.key().equals(extension), count, Duration.ofSeconds(30))
        .stream().map(ConsumerRecord::value).toList();
  }

  private static List<DeadLetter> deadLetters(Set<String> reasons, String marker) {
    return TopicReader.read(infra.bootstrapServers(), Topics.DEAD_LETTER.name(),
            new AvroDeserializer<DeadLetter>(registry, DeadLetter.class),
            r -> new String(r.value().getPayload().array(), StandardCharsets.ISO_8859_1).contains(marker),
            list -> list.stream().map(r -> r.value().getReason()).collect(java.util.stream.Collectors.toSet()).containsAll(reasons),
            Duration.ofSeconds(30))
        .stream().map(ConsumerRecord::value).toList();
  }

  @Test
  void theInjectorsMessageIsAcknowledgedAndLandsOnTheDialerTopicWithMappedFields() {
    String ext = extension();
    Map<String, String> pairs = new java.util.LinkedHashMap<>();
    pairs.put("connect_num", ext);
    pairs.put("event_name_s", "C_CONNECTED");
    pairs.put("calling_num", "3035551212");
    pairs.put("vdn", "4500");
    pairs.put("campaign", "renewals");

    String reply = inject(service.zmqEndpoint(), injectorJson(pairs).getBytes(StandardCharsets.UTF_8));

    assertThat(reply).startsWith("OK ");
    List<CallEvent> events = dialerEvents(ext, 1);
    assertThat(events).hasSize(1);
    CallEvent event = events.get(0);
    assertThat(event.getEventUuid()).isEqualTo(reply.substring(3));
    assertThat(event.getEventNameS()).isEqualTo("C_CONNECTED");
    assertThat(event.getCallingNum()).isEqualTo("3035551212");
    assertThat(event.getVdn()).isEqualTo("4500");
    assertThat(event.getAttributes()).containsEntry("campaign", "renewals");
  }

  @Test
  void badMessagesGetAnErrorReplyAndAreKeptInTheDeadLetterTopic() {
    String marker = "m" + ThreadLocalRandom.current().nextInt(1_000_000);
    Map<String, byte[]> bad = new java.util.LinkedHashMap<>();
    bad.put("malformed_json", ("{\"connect_num\" : \"4567\", \"" + marker).getBytes(StandardCharsets.UTF_8));
    bad.put("missing_connect_num", ("{\"event_name_s\" : \"" + marker + "\"}").getBytes(StandardCharsets.UTF_8));
    bad.put("too_large", ("{\"connect_num\" : \"4567\", \"pad\" : \"" + marker + "x".repeat(3000) + "\"}").getBytes(StandardCharsets.UTF_8));
    bad.put("non_string_value", ("{\"connect_num\" : 4567, \"m\" : \"" + marker + "\"}").getBytes(StandardCharsets.UTF_8));
    bad.put("not_utf8", ("{\"connect_num\" : \"4567\", \"m\" : \"" + marker + "\u00e9\"}").getBytes(StandardCharsets.ISO_8859_1));

    try (Injector injector = new Injector(service.zmqEndpoint())) {
      for (var entry : bad.entrySet()) {
        assertThat(injector.send(entry.getValue())).as(entry.getKey()).startsWith("ERROR " + entry.getKey() + ": ");
      }
    }

    List<DeadLetter> letters = deadLetters(bad.keySet(), marker);
    assertThat(letters).extracting(DeadLetter::getReason).containsExactlyInAnyOrderElementsOf(bad.keySet());
    for (DeadLetter letter : letters) {
      assertThat(letter.getSource()).isEqualTo("ingest-dialer.zmq");
      assertThat(letter.getPayload().array()).as("raw payload of " + letter.getReason()).isEqualTo(bad.get(letter.getReason()));
    }
  }

  /**
   * JeroMQ's stalled connects (see {@link InjectorSocket}) hit fresh sockets, so this opens one per
   * request: every request must be answered, each sent once (the injector never resends).
   */
  @Test
  void twoThousandRequestsEachOnAFreshSocketAreAllAnsweredWithoutAResend() {
    int requests = 2000;
    String ext = extension();
    List<Long> micros = new ArrayList<>();
    Set<String> acked = new HashSet<>();
    int lost = 0;
    try (ZContext context = new ZContext()) {
      for (int i = 0; i < requests; i++) {
        long t0 = System.nanoTime();
        ZMQ.Socket req = InjectorSocket.connect(context, service.zmqEndpoint(), Duration.ofSeconds(10));
        req.send("{\"connect_num\" : \"" + ext + "\",\"event_name_s\" : \"C_OFFERED\",\"n\" : \"" + i + "\"}");
        String reply = req.recvStr();
        micros.add((System.nanoTime() - t0) / 1000);
        context.destroySocket(req);
        if (reply == null || !reply.startsWith("OK ")) {
          lost++;
        } else {
          acked.add(reply.substring(3));
        }
      }
    }
    List<Long> sorted = micros.stream().sorted().toList();
    long reconnected = sorted.stream().filter(us -> us > InjectorSocket.HANDSHAKE_INTERVAL.toMillis() * 1000 * 8 / 10).count();
    System.out.printf("[fresh sockets] %d requests, %d lost; connect+request+reply p50 %.1f ms, p99 %.1f ms, max %.1f ms; "
            + "%d took longer than 80%% of the handshake interval (a stalled connect recovered)%n", requests, lost,
        sorted.get(requests / 2) / 1e3, sorted.get(requests * 99 / 100) / 1e3, sorted.get(requests - 1) / 1e3, reconnected);
    assertThat(lost).isZero();
    assertThat(acked).hasSize(requests);
    assertThat(dialerEvents(ext, requests)).extracting(CallEvent::getEventUuid).containsExactlyInAnyOrderElementsOf(acked);
  }

  @Test
  void aBurstOfTenThousandFromSeveralInjectorsIsAllAcknowledgedAndAllOnTheTopic() throws Exception {
    int clients = 4;
    int perClient = 2500;
    String ext = extension();
    Set<String> acked = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<List<String>>> errors = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      errors.add(pool.submit(() -> {
        List<String> bad = new ArrayList<>();
        try (ZContext context = new ZContext();
            ZMQ.Socket req = InjectorSocket.connect(context, service.zmqEndpoint(), Duration.ofSeconds(10))) {
          for (int i = 0; i < perClient; i++) {
            req.send("{\"connect_num\" : \"" + ext + "\",\"event_name_s\" : \"C_OFFERED\",\"seq\" : \"" + client + "-" + i + "\"}");
            String reply = req.recvStr();
            if (reply != null && reply.startsWith("OK ")) {
              acked.add(reply.substring(3));
            } else {
              bad.add(String.valueOf(reply));
            }
          }
        }
        return bad;
      }));
    }
    for (Future<List<String>> f : errors) {
      assertThat(f.get()).as("replies other than OK").isEmpty();
    }
    pool.shutdown();
    assertThat(acked).hasSize(clients * perClient);

    List<CallEvent> onTopic = dialerEvents(ext, clients * perClient);
    Set<String> uuids = new HashSet<>();
    onTopic.forEach(e -> uuids.add(e.getEventUuid()));
    assertThat(uuids).isEqualTo(acked);
  }

  @Test
  void theHttpIntakeAcceptsSingleMessagesAndBatchesWithPerMessageResults() throws Exception {
    String ext = extension();
    HttpResponse<String> single = post("{\"connect_num\":\"" + ext + "\",\"event_name_s\":\"C_CONNECTED\"}");
    assertThat(single.statusCode()).isEqualTo(200);
    assertThat(single.body()).contains("\"status\":\"OK\"").contains("\"event_uuid\"");

    HttpResponse<String> batch = post("[{\"connect_num\":\"" + ext + "\",\"event_name_s\":\"C_DROP\"},"
        + "{\"event_name_s\":\"C_DROP\"},{\"connect_num\":\"" + ext + "\",\"n\":5}]");
    assertThat(batch.statusCode()).isEqualTo(207);
    var results = new io.vertx.core.json.JsonObject(batch.body()).getJsonArray("results");
    assertThat(results.getJsonObject(0).getString("status")).isEqualTo("OK");
    assertThat(results.getJsonObject(1).getString("reason")).isEqualTo("missing_connect_num");
    assertThat(results.getJsonObject(2).getString("reason")).isEqualTo("non_string_value");

    assertThat(dialerEvents(ext, 2)).extracting(CallEvent::getEventNameS).containsExactly("C_CONNECTED", "C_DROP");
  }

  @Test
  void theHttpIntakeRefusesBadBodiesWithAClearStatusAndReason() throws Exception {
    HttpResponse<String> malformed = post("{\"connect_num\": ");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.body()).contains("\"reason\":\"malformed_json\"");

    HttpResponse<String> invalid = post("{\"connect_num\":\"not-an-extension\"}");
    assertThat(invalid.statusCode()).isEqualTo(422);
    assertThat(invalid.body()).contains("\"reason\":\"invalid_extension\"");

    StringBuilder tooMany = new StringBuilder("[");
    for (int i = 0; i < 101; i++) {
      tooMany.append(i == 0 ? "" : ",").append("{\"connect_num\":\"4567\"}");
    }
    HttpResponse<String> batch = post(tooMany.append(']').toString());
    assertThat(batch.statusCode()).isEqualTo(413);
    assertThat(batch.body()).contains("batch_too_large");
  }

  @Test
  void healthAndMetricsAreServed() throws Exception {
    post("{\"connect_num\":\"" + extension() + "\"}");
    HttpResponse<String> health = get("/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"").contains("kafka-publisher");

    HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.body()).contains("dialer_messages_total{").contains("outcome=\"accepted\"")
        .contains("dialer_reply_latency_seconds_count");
    // The producer's own metrics: the event posted above was sent and acknowledged.
    assertThat(metrics.body().lines().filter(l -> l.startsWith("kafka_producer_record_send_total{")
            && l.contains("client_id=\"ingest-dialer\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum())
        .as("records the intake's producer sent").isPositive();
    assertThat(metrics.body()).contains("kafka_producer_record_error_total{");
  }

  private static HttpResponse<String> post(String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + "/dialer/events"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
