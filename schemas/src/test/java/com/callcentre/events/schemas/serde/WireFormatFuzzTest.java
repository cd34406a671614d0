package com.callcentre.events.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.EventSource;
import com.callcentre.events.schemas.registry.HttpSchemaRegistryClient;
import com.callcentre.events.schemas.registry.InMemorySchemaRegistry;
import com.callcentre.events.schemas.registry.RegistryClientConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Generated records and registry answers against the deserializer every consumer uses: truncated
 * or corrupted wire format, unknown schema ids, and a registry answering anything at all. The
 * outcome is a record or a {@link SerializationException} naming the topic (which the Streams
 * handler dead-letters and the edge counts as skipped), never another exception.
 */
class WireFormatFuzzTest {
  private static final InMemorySchemaRegistry REGISTRY = InMemorySchemaRegistry.scope("wire-fuzz");
  private static final byte[] GOOD = new AvroSerializer<CallEvent>(REGISTRY, false).serialize("t", event());
  private static final AtomicReference<Answer> nextAnswer = new AtomicReference<>();
  private static HttpServer fakeRegistry;

  /** One registry answer: status and body. */
  record Answer(int status, String body) {}

  @BeforeContainer
  static void startFakeRegistry() throws IOException {
    fakeRegistry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    fakeRegistry.createContext("/", exchange -> {
      Answer answer = nextAnswer.get();
      byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    fakeRegistry.start();
  }

  @AfterContainer
  static void stopFakeRegistry() {
    fakeRegistry.stop(0);
  }

  @Property
  void aRecordCutShortOrCorruptedIsReadOrRefusedNamingTheTopic(@ForAll("damaged") byte[] record) {
    deserializeOrRefuse(new AvroDeserializer<>(REGISTRY, CallEvent.class), record);
  }

  @Property
  void randomBytesAreRefusedNamingTheTopic(@ForAll("randomBytes") byte[] record) {
    deserializeOrRefuse(new AvroDeserializer<>(REGISTRY, CallEvent.class), record);
  }

  @Property
  void whateverTheRegistryAnswersTheDeserializerReadsOrRefuses(@ForAll("answers") Answer answer) {
    nextAnswer.set(answer);
    var client = new HttpSchemaRegistryClient(new RegistryClientConfig(
        URI.create("http://127.0.0.1:" + fakeRegistry.getAddress().getPort()), Duration.ofSeconds(5), 1,
        Duration.ofMillis(1), Duration.ofMillis(1)));
    Object read = deserializeOrRefuse(new AvroDeserializer<>(client, CallEvent.class), GOOD);
    if (answer.status() != 200) {
      assertThat(read).as("read with a registry answering %s", answer.status()).isNull();
    }
  }

  private static Object deserializeOrRefuse(AvroDeserializer<CallEvent> deserializer, byte[] record) {
    try {
      CallEvent event = deserializer.deserialize("fuzz-topic", record);
      Statistics.collect("read");
      return event;
    } catch (SerializationException refused) {
      Statistics.collect("refused");
      assertThat(refused.getMessage()).contains("fuzz-topic");
      return null;
    } catch (RuntimeException | OutOfMemoryError e) {
      fail("deserializing %d bytes threw %s", record.length, e);
      return null;
    }
  }

  @Provide
  Arbitrary<byte[]> damaged() {
    Arbitrary<byte[]> cut = Arbitraries.integers().between(0, GOOD.length - 1)
        .map(n -> java.util.Arrays.copyOf(GOOD, n));
    Arbitrary<byte[]> flipped = Combinators.combine(Arbitraries.integers().between(0, GOOD.length - 1),
        Arbitraries.bytes()).as((at, value) -> {
          byte[] copy = GOOD.clone();
          copy[at] = value;
          return copy;
        });
    Arbitrary<byte[]> unknownId = Arbitraries.integers().map(id -> {
      byte[] copy = GOOD.clone();
      ByteBuffer.wrap(copy).putInt(1, id);
      return copy;
    });
    // a length prefix (zig-zag varint) claiming far more bytes than follow
    Arbitrary<byte[]> hugeLength = Arbitraries.integers().between(5, GOOD.length - 5).map(at -> {
      byte[] copy = GOOD.clone();
      copy[at] = (byte) 0xfe;
      copy[at + 1] = (byte) 0xff;
      copy[at + 2] = (byte) 0xff;
      copy[at + 3] = (byte) 0xff;
      copy[at + 4] = (byte) 0x0f;
      return copy;
    });
    return Arbitraries.oneOf(cut, flipped, unknownId, hugeLength);
  }

  @Provide
  Arbitrary<byte[]> randomBytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(512);
  }

  @Provide
  Arbitrary<Answer> answers() {
    String callEventSchema = CallEvent.getClassSchema().toString();
    Arbitrary<String> schemaText = Arbitraries.oneOf(
        Arbitraries.just(callEventSchema),
        Arbitraries.of("\"string\"", "{\"type\":\"record\",\"name\":\"X\",\"fields\":[]}", "{\"type\":\"nonsense\"}", "", "{"),
        Arbitraries.integers().between(1, callEventSchema.length() - 1).map(n -> callEventSchema.substring(0, n)),
        Arbitraries.strings().ofMaxLength(50));
    Arbitrary<String> body = Arbitraries.oneOf(
        Combinators.combine(schemaText, Arbitraries.of("AVRO", "PROTOBUF", "JSON", "")).as((schema, type) ->
            json(type.isEmpty() ? Map.of("schema", schema) : Map.of("schema", schema, "schemaType", type))),
        Arbitraries.of("", "null", "[]", "{}", "{\"schema\":42}", "{\"schema\":null}", "{\"error_code\":40403,\"message\":\"Schema not found\"}"),
        Arbitraries.strings().ofMaxLength(80));
    Arbitrary<Integer> status = Arbitraries.of(200, 200, 200, 204, 301, 400, 404, 409, 422, 429, 500, 503);
    return Combinators.combine(status, body).as(Answer::new);
  }

  private static String json(Map<String, String> fields) {
    try {
      return new ObjectMapper().writeValueAsString(fields);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static CallEvent event() {
    return CallEvent.newBuilder().setEventUuid("6f1c2a9e-52f1-4a43-9e07-2b1c4a5e0a11").setSource(EventSource.SWITCH)
        .setEventNameS("C_CONNECTED").setConnectNum("4567").setCallingNum("3035551212").setVdn("4500")
        .setEventTime(Instant.parse("2026-11-23T10:02:00Z")).setIngestTime(Instant.parse("2026-11-23T10:02:00.010Z"))
        .setAttributes(Map.of("campaign", "renewals")).build();
  }

}
