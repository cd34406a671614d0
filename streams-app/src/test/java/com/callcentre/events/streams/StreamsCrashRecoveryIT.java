package com.callcentre.events.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.CallSummary;
import com.callcentre.events.avro.EventSource;
import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.avro.ExtensionState;
import com.callcentre.events.infra.LocalInfra;
import com.callcentre.events.infra.process.ChildJvm;
import com.callcentre.events.infra.process.FreePorts;
import com.callcentre.events.testsupport.SharedInfra;
import com.callcentre.events.testsupport.TopicReader;
import com.callcentre.events.runtime.kafka.KafkaSettings;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.serde.AvroDeserializer;
import com.callcentre.events.schemas.serde.AvroSerializer;
import com.callcentre.events.schemas.topics.TopicProvisioner;
import com.callcentre.events.schemas.topics.TopicSettings;
import com.callcentre.events.schemas.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;

/**
 * The exactly-once guarantee under a real crash: the streams-app runs as its own process, is
 * killed with SIGKILL in the middle of a stream of tens of thousands of events, and restarted.
 * Afterwards every extension's sequence must be 1..n with no gap and no repeat, and every
 * acknowledged input event must appear exactly once; the derived outputs, which commit on their
 * own, must end with every extension's last event as its state and exactly one summary of each
 * call, counting all its events.
 */
class StreamsCrashRecoveryIT {
  private static final int EXTENSIONS = 100;
  private static final int EVENTS = 30_000;
  private static final int KILL_AFTER = 10_000;
  /** Every extension's events make calls of this many, the last one the call's end. */
  private static final int EVENTS_PER_CALL = 5;

  @TempDir
  Path dir;

  @Test
  void sigkillMidStreamLeavesNoGapNoDuplicateAndNoLostEvent() throws Exception {
    LocalInfra infra = SharedInfra.get();
    TopicProvisioner.ensureAll(infra.bootstrapServers(), TopicSettings.defaults());
    SchemaRegistryClient registry = SchemaRegistryClient.forUrl(infra.registryUrl());
    String prefix = "8" + ThreadLocalRandom.current().nextInt(100, 999);
    int opsPort = FreePorts.pick();
    List<String> args = List.of(
        "--KAFKA_BOOTSTRAP_SERVERS=" + infra.bootstrapServers(),
        "--SCHEMA_REGISTRY_URL=" + infra.registryUrl(),
        "--STREAMS_APPLICATION_ID=streams-it",
        "--STREAMS_STATE_DIR=" + dir.resolve("state"),
        "--STREAMS_HTTP_PORT=" + opsPort);

    ChildJvm first = startApp(args, opsPort, "first");
    Map<String, Set<String>> acked = new ConcurrentHashMap<>();
    AtomicInteger ackedCount = new AtomicInteger();
    Thread producer = new Thread(() -> produce(infra, registry, prefix, acked, ackedCount), "crash-test-producer");
    producer.start();

    await().atMost(Duration.ofSeconds(120)).until(() -> ackedCount.get() >= KILL_AFTER);
    // Killed while it is working: it has output for this stream, and more input is on its way.
    List<ConsumerRecord<String, ExtensionEvent>> before = TopicReader.readCount(infra.bootstrapServers(),
        Topics.EXTENSION_EVENTS.name(), new AvroDeserializer<ExtensionEvent>(registry, ExtensionEvent.class),
        r -> r.key().startsWith(prefix), 1, Duration.ofSeconds(30));
    assertThat(before).as("output before the kill").isNotEmpty();
    first.kill();
    int ackedAtKill = ackedCount.get();
    assertThat(ackedAtKill).as("events acknowledged when the app was killed").isLessThan(EVENTS);
    long killedAt = System.nanoTime();
    ChildJvm second = startApp(args, opsPort, "second");
    System.out.printf("[crash-test] killed after %d of %d events; restarted app ready after %d ms%n",
        ackedAtKill, EVENTS, (System.nanoTime() - killedAt) / 1_000_000);
    producer.join(180_000);
    assertThat(ackedCount.get()).isEqualTo(EVENTS);

    int expected = acked.values().stream().mapToInt(Set::size).sum();
    List<ConsumerRecord<String, ExtensionEvent>> out = TopicReader.readCount(infra.bootstrapServers(),
        Topics.EXTENSION_EVENTS.name(), new AvroDeserializer<ExtensionEvent>(registry, ExtensionEvent.class),
        r -> r.key().startsWith(prefix), expected, Duration.ofSeconds(180));
    System.out.printf("[crash-test] all %d events sequenced %d ms after the kill%n", out.size(), (System.nanoTime() - killedAt) / 1_000_000);

    Map<String, List<Long>> seqs = new HashMap<>();
    Map<String, Set<String>> seen = new HashMap<>();
    List<String> repeats = new ArrayList<>();
    for (ConsumerRecord<String, ExtensionEvent> r : out) {
      seqs.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value().getSeq());
      if (!seen.computeIfAbsent(r.key(), k -> new HashSet<>()).add(r.value().getEvent().getEventUuid())) {
        repeats.add(r.value().getEvent().getEventUuid());
      }
    }
    assertThat(repeats).as("uuids sequenced twice").isEmpty();
    assertThat(out).as("sequenced events").hasSize(expected);
    for (var entry : seqs.entrySet()) {
      List<Long> expectedSeqs = java.util.stream.LongStream.rangeClosed(1, entry.getValue().size()).boxed().toList();
      assertThat(entry.getValue()).as("sequence of " + entry.getKey()).isEqualTo(expectedSeqs);
    }
    assertThat(seen).as("every acknowledged event, per extension").isEqualTo(acked);
    // The derived outputs follow the sequenced events: the restarted app runs until they are read.
    try (second) {
      assertDerivedOutputs(infra, registry, prefix, acked);
    }
    System.out.printf("[crash-test] state and summaries complete %d ms after the kill%n", (System.nanoTime() - killedAt) / 1_000_000);
  }

  private static void assertDerivedOutputs(LocalInfra infra, SchemaRegistryClient registry, String prefix,
      Map<String, Set<String>> acked) {
    List<ConsumerRecord<String, ExtensionState>> lastStates = TopicReader.readCount(infra.bootstrapServers(),
        Topics.EXTENSION_STATE.name(), new AvroDeserializer<ExtensionState>(registry, ExtensionState.class),
        r -> r.key().startsWith(prefix) && r.value().getSeq() == acked.get(r.key()).size(), EXTENSIONS,
        Duration.ofSeconds(120));
    assertThat(lastStates).extracting(ConsumerRecord::key).as("extensions whose state reached their last event")
        .containsExactlyInAnyOrderElementsOf(acked.keySet());

    int calls = EVENTS / EVENTS_PER_CALL;
    List<ConsumerRecord<String, CallSummary>> summaries = TopicReader.readCount(infra.bootstrapServers(),
        Topics.CALL_SUMMARIES.name(), new AvroDeserializer<CallSummary>(registry, CallSummary.class),
        r -> r.key().startsWith(prefix), calls, Duration.ofSeconds(120));
    Map<String, Integer> summaryCount = new HashMap<>();
    summaries.forEach(r -> summaryCount.merge(r.key(), 1, Integer::sum));
    assertThat(summaryCount.values()).as("summaries per call").containsOnly(1);
    assertThat(summaryCount).as("calls summarised").hasSize(calls);
    assertThat(summaries).extracting(r -> r.value().getEventCount()).as("events counted per call")
        .containsOnly(EVENTS_PER_CALL);
  }

  /** Sends EVENTS events over both topics, in calls; every 500th is sent twice with the same uuid. */
  private static void produce(LocalInfra infra, SchemaRegistryClient registry, String prefix,
      Map<String, Set<String>> acked, AtomicInteger ackedCount) {
    KafkaSettings kafka = new KafkaSettings(infra.bootstrapServers(), infra.registryUrl());
    try (var producer = new KafkaProducer<>(kafka.reliableProducer("crash-test"), new StringSerializer(),
        new AvroSerializer<CallEvent>(registry, false))) {
      for (int i = 0; i < EVENTS; i++) {
        String ext = prefix + String.format("%03d", i % EXTENSIONS);
        // A call's events are one extension's, from one source, so they keep their order.
        int call = i / EXTENSIONS / EVENTS_PER_CALL;
        boolean ends = i / EXTENSIONS % EVENTS_PER_CALL == EVENTS_PER_CALL - 1;
        boolean fromDialer = call % 3 == 0;
        CallEvent e = CallEvent.newBuilder()
            .setEventUuid(java.util.UUID.randomUUID().toString())
            .setSource(fromDialer ? EventSource.DIALER : EventSource.SWITCH)
            .setEventNameS(ends ? "C_CALLEND" : "E" + i)
            .setUcid(ext + "-call-" + call)
            .setConnectNum(ext)
            .setEventTime(Instant.now())
            .setIngestTime(Instant.now())
            .build();
        String topic = fromDialer ? Topics.DIALER_EVENTS.name() : Topics.SWITCH_EVENTS.name();
        int copies = i % 500 == 0 ? 2 : 1;
        for (int c = 0; c < copies; c++) {
          producer.send(new ProducerRecord<>(topic, ext, e), (md, err) -> {
            if (err == null && acked.computeIfAbsent(ext, k -> ConcurrentHashMap.newKeySet()).add(e.getEventUuid())) {
              ackedCount.incrementAndGet();
            }
          });
        }
        if (i % 1000 == 999) {
          producer.flush();
          pause(); // about 3,000 events/s, so the kill lands mid-stream
        }
      }
      producer.flush();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(300);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private ChildJvm startApp(List<String> args, int opsPort, String name) {
    ChildJvm app = ChildJvm.start("streams-app-" + name, List.of("-Xmx384m", "-XX:+UseSerialGC"),
        System.getProperty("java.class.path"), StreamsAppMain.class.getName(), args, dir.resolve(name + ".log"));
    HttpClient http = HttpClient.newHttpClient();
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
      app.checkAlive();
      try {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + opsPort + "/ready")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
      } catch (java.io.IOException notYet) {
        return false;
      }
    });
    return app;
  }
}
