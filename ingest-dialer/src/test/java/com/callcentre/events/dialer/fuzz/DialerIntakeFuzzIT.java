package com.callcentre.events.dialer.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.DeadLetter;
import com.callcentre.events.dialer.DialerConfig;
import com.callcentre.events.dialer.DialerService;
import com.callcentre.events.dialer.client.InjectorSocket;
import com.callcentre.events.dialer.intake.IntakeLimits;
import com.callcentre.events.infra.LocalInfra;
import com.callcentre.events.runtime.kafka.KafkaSettings;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.serde.AvroDeserializer;
import com.callcentre.events.schemas.topics.TopicProvisioner;
import com.callcentre.events.schemas.topics.TopicSettings;
import com.callcentre.events.schemas.topics.Topics;
import com.callcentre.events.testsupport.SharedInfra;
import com.callcentre.events.testsupport.TopicReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Generated messages, good and bad, sent to a running intake over 0MQ and over HTTP, against the
 * real broker and registry. Every message gets {@code OK <uuid>} / 200 or a refusal naming its
 * reason (never a 5xx, never silence); afterwards every acknowledged event is on the dialer topic
 * and every refused one is in the dead-letter topic.
 */
class DialerIntakeFuzzIT {
  private static final Pattern ZMQ_REPLY = Pattern.compile("OK [0-9a-f-]{36}|ERROR [a-z0-9_]+: .+", Pattern.DOTALL);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private static final Set<String> refused = ConcurrentHashMap.newKeySet();
  private static LocalInfra infra;
  private static DialerService service;
  private static ZContext zmq;
  private static ZMQ.Socket injector;

  @BeforeContainer
  static void start() throws InterruptedException {
    infra = SharedInfra.get();
    TopicProvisioner.ensureAll(infra.bootstrapServers(), TopicSettings.defaults());
    service = DialerService.start(new DialerConfig(new KafkaSettings(infra.bootstrapServers(), infra.registryUrl()),
        "tcp://127.0.0.1:0", "127.0.0.1", 0, Duration.ofSeconds(5), 10_000, IntakeLimits.defaults()));
    zmq = new ZContext();
    injector = InjectorSocket.connect(zmq, service.zmqEndpoint(), Duration.ofSeconds(10));
  }

  @AfterContainer
  static void everyAcknowledgedEventIsOnTheTopicAndEveryRefusalIsDeadLettered() {
    try {
      SchemaRegistryClient registry = SchemaRegistryClient.forUrl(infra.registryUrl());
      // A client may send its own event_uuid more than once (a resend): each is acknowledged and
      // kept, and the streams-app drops the repeats. So the check is on distinct ids.
      var onTopic = TopicReader.read(infra.bootstrapServers(), Topics.DIALER_EVENTS.name(),
              new AvroDeserializer<CallEvent>(registry, CallEvent.class),
              r -> acknowledged.contains(r.value().getEventUuid()),
              list -> list.stream().map(r -> r.value().getEventUuid()).distinct().count() >= acknowledged.size(),
              Duration.ofSeconds(60))
          .stream().map(r -> r.value().getEventUuid()).collect(java.util.stream.Collectors.toSet());
      System.out.printf("[dialer-fuzz] %d distinct ids acknowledged, %d of them on the topic; %d refused%n",
          acknowledged.size(), onTopic.size(), refused.size());
      assertThat(onTopic).as("acknowledged event ids on the dialer topic").containsExactlyInAnyOrderElementsOf(acknowledged);
      var deadLetters = TopicReader.read(infra.bootstrapServers(), Topics.DEAD_LETTER.name(),
          new AvroDeserializer<DeadLetter>(registry, DeadLetter.class), r -> refused.contains(hex(r.value().getPayload())),
          list -> list.stream().map(r -> hex(r.value().getPayload())).collect(java.util.stream.Collectors.toSet())
              .containsAll(refused), Duration.ofSeconds(60));
      assertThat(deadLetters.stream().map(r -> hex(r.value().getPayload())).collect(java.util.stream.Collectors.toSet()))
          .as("refused messages in the dead-letter topic").containsAll(refused);
    } finally {
      zmq.close();
      service.close();
    }
  }

  @Property
  void overZeroMqEveryMessageIsAnsweredOkOrErrorWithAReason(@ForAll("messages") byte[] message) {
    injector.send(message);
    String reply = injector.recvStr();
    assertThat(reply).as("reply to %d bytes", message.length).isNotNull().matches(ZMQ_REPLY);
    if (reply.startsWith("OK ")) {
      acknowledged.add(reply.substring(3));
      Statistics.collect("OK");
    } else {
      refused.add(hex(message));
      Statistics.collect(reply.substring("ERROR ".length(), reply.indexOf(':')));
    }
  }

  @Property
  void overHttpEveryBodyGetsAStatusAndAReasonNeverA5xx(@ForAll("bodies") byte[] body) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + service.httpPort() + "/dialer/events"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    Statistics.collect(response.statusCode());
    assertThat(response.statusCode()).as("status for %d bytes: %s", body.length, response.body()).isIn(200, 207, 400, 413, 422);
    if (response.statusCode() == 413 && !response.body().startsWith("{")) {
      return; // over the body limit: refused before it is read, nothing to keep
    }
    JsonObject json = new JsonObject(response.body());
    if (json.containsKey("results")) {
      for (Object each : json.getJsonArray("results", new JsonArray())) {
        record((JsonObject) each, null);
      }
    } else if (!"batch_too_large".equals(json.getString("reason"))) {
      record(json, body);
    }
  }

  private static void record(JsonObject result, byte[] body) {
    if ("OK".equals(result.getString("status"))) {
      acknowledged.add(result.getString("event_uuid"));
    } else {
      assertThat(result.getString("reason")).as("reason in %s", result).isNotBlank();
      if (body != null) {
        refused.add(hex(body));
      }
    }
  }

  @Provide
  Arbitrary<byte[]> messages() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, DialerMessages.wellFormed().map(m -> DialerMessages.json(m).getBytes(StandardCharsets.UTF_8))),
        Tuple.of(2, DialerMessages.jsonLike().map(s -> s.getBytes(StandardCharsets.UTF_8))),
        Tuple.of(1, DialerMessages.oddTypedValues().map(s -> s.getBytes(StandardCharsets.UTF_8))),
        Tuple.of(1, DialerMessages.corruptedUtf8()),
        Tuple.of(1, DialerMessages.deeplyNested().map(s -> s.getBytes(StandardCharsets.UTF_8))),
        Tuple.of(1, DialerMessages.huge().map(s -> s.getBytes(StandardCharsets.UTF_8))),
        Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(2048)));
  }

  /** As over 0MQ, plus batches mixing good and bad messages. */
  @Provide
  Arbitrary<byte[]> bodies() {
    Arbitrary<String> element = Arbitraries.oneOf(
        DialerMessages.wellFormed().map(DialerMessages::json), DialerMessages.jsonLike());
    Arbitrary<byte[]> batches = element.list().ofMaxSize(120)
        .map(list -> ("[" + String.join(",", list.stream().map(s -> s.isEmpty() ? "null" : s).toList()) + "]")
            .getBytes(StandardCharsets.UTF_8));
    return Arbitraries.frequencyOf(Tuple.of(4, messages()), Tuple.of(1, batches));
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static String hex(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return hex(bytes);
  }
}
