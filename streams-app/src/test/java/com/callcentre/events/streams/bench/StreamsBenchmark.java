package com.callcentre.events.streams.bench;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.EventSource;
import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.infra.LocalInfra;
import com.callcentre.events.runtime.config.Env;
import com.callcentre.events.runtime.kafka.KafkaSettings;
import com.callcentre.events.schemas.events.EventUuids;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.serde.AvroDeserializer;
import com.callcentre.events.schemas.serde.AvroSerializer;
import com.callcentre.events.schemas.topics.TopicProvisioner;
import com.callcentre.events.schemas.topics.TopicSettings;
import com.callcentre.events.schemas.topics.Topics;
import com.callcentre.events.streams.StreamsAppConfig;
import com.callcentre.events.streams.StreamsService;
import com.callcentre.events.testsupport.BenchArgs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Measures the streams-app on a real local broker: (1) input-to-output latency of events offered
 * at a steady rate, and (2) throughput with a backlog of events sent as fast as possible.
 * Latency is from the producer stamping {@code ingest_time} to a read_committed consumer
 * receiving the sequenced event: what an edge would see.
 *
 * <pre>bin/bench streams [rate=1000] [seconds=30] [backlog=100000] [extensions=2000] [warmup=2000] [isolation=read_committed]
 *                   [partitions=3] [calls=4] [STREAMS_…=value …] [KAFKA_PRODUCER_…=value …]</pre>
 *
 * {@code isolation=read_uncommitted} measures when the app wrote an event rather than when it
 * became visible to edges, which separates processing time from transaction commit time.
 * {@code partitions} is every topic's partition count (the internal topics follow the inputs'):
 * under exactly-once, each commit puts a marker on every partition the transaction wrote.
 * {@code calls=N} makes every N events one call (a UCID, the last of them its end), as the
 * switch's events are, so the call correlation does its share of the work (the repartition by
 * call, its store, the summaries); {@code calls=0} sends events that name no call, as the
 * figures before 2026-11-24's eighth round were measured.
 */
public final class StreamsBenchmark {
  public static void main(String[] args) throws Exception {
    Map<String, String> opts = BenchArgs.parse(args);
    int rate = Integer.parseInt(opts.getOrDefault("rate", "1000"));
    int seconds = Integer.parseInt(opts.getOrDefault("seconds", "30"));
    int backlog = Integer.parseInt(opts.getOrDefault("backlog", "100000"));
    int extensions = Integer.parseInt(opts.getOrDefault("extensions", "2000"));
    String isolation = opts.getOrDefault("isolation", "read_committed");
    int warmup = Integer.parseInt(opts.getOrDefault("warmup", "2000"));
    EventShape shape = new EventShape(Integer.parseInt(opts.getOrDefault("calls", "4")));
    TopicSettings defaults = TopicSettings.defaults();
    TopicSettings topics = new TopicSettings(Integer.parseInt(opts.getOrDefault("partitions",
        String.valueOf(defaults.partitions()))), defaults.replicationFactor(), defaults.retention());

    Path dir = Files.createTempDirectory("streams-bench-");
    try (LocalInfra infra = LocalInfra.ephemeral(dir)) {
      TopicProvisioner.ensureAll(infra.bootstrapServers(), topics);
      Map<String, String> env = new java.util.HashMap<>(Map.of(
          "KAFKA_BOOTSTRAP_SERVERS", infra.bootstrapServers(),
          "SCHEMA_REGISTRY_URL", infra.registryUrl(),
          "STREAMS_STATE_DIR", dir.resolve("state").toString(),
          "STREAMS_HTTP_PORT", "0"));
      opts.forEach((k, v) -> {
        if (k.startsWith("STREAMS_") || k.startsWith("KAFKA_PRODUCER_")) { // the app's settings; the load's producer keeps its own
          env.put(k, v);
        }
      });
      StreamsAppConfig config = StreamsAppConfig.from(Env.of(env));
      SchemaRegistryClient registry = SchemaRegistryClient.forUrl(infra.registryUrl());
      try (StreamsService service = StreamsService.start(config);
           var producer = new KafkaProducer<>(new KafkaSettings(infra.bootstrapServers(), infra.registryUrl())
               .reliableProducer("bench"), new StringSerializer(), new AvroSerializer<CallEvent>(registry, false));
           var consumer = consumer(infra, registry, isolation)) {
        waitUntilRunning(service);
        System.out.printf("streams-app benchmark: %d cores, loopback broker, %s, commit %d ms, %d partitions per topic, %d extensions, %s, consumer %s%n",
            Runtime.getRuntime().availableProcessors(), config.streamsProperties().get("processing.guarantee"),
            config.commitInterval().toMillis(), topics.partitions(), extensions, shape, isolation);

        // Warm up schemas, caches and the JIT; not measured.
        send(producer, shape, extensions, warmup, 2000, "warmup");
        drain(consumer, warmup, Duration.ofSeconds(120), null);

        int total = rate * seconds;
        long[] latencies = new long[total];
        Thread sender = new Thread(() -> send(producer, shape, extensions, total, rate, "steady"));
        sender.start();
        int got = drain(consumer, total, Duration.ofSeconds(seconds + 60), latencies);
        sender.join();
        long[] measured = Arrays.copyOf(latencies, got);
        Arrays.sort(measured);
        System.out.printf("steady %d events/s for %d s: received %d; latency ms p50=%.1f p99=%.1f p99.9=%.1f max=%.1f%n",
            rate, seconds, got, pct(measured, 50), pct(measured, 99), pct(measured, 99.9), measured[measured.length - 1] / 1e6);

        long start = System.nanoTime();
        Thread flood = new Thread(() -> send(producer, shape, extensions, backlog, Integer.MAX_VALUE, "flood"));
        flood.start();
        int flooded = drain(consumer, backlog, Duration.ofSeconds(300), null);
        flood.join();
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf("backlog of %d events sent as fast as possible: all %d sequenced in %.1f s = %.0f events/s%n",
            backlog, flooded, secs, flooded / secs);
      }
    }
  }

  private static KafkaConsumer<String, ExtensionEvent> consumer(LocalInfra infra, SchemaRegistryClient registry,
      String isolation) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    KafkaConsumer<String, ExtensionEvent> c = new KafkaConsumer<>(p, new StringDeserializer(),
        new AvroDeserializer<>(registry, ExtensionEvent.class));
    c.subscribe(List.of(Topics.EXTENSION_EVENTS.name()));
    return c;
  }

  private static void send(KafkaProducer<String, CallEvent> producer, EventShape shape, int extensions, int count,
      int perSecond, String tag) {
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      if (perSecond != Integer.MAX_VALUE) {
        long due = start + (long) i * 1_000_000_000L / perSecond;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(wait); // not a spin: the machine has 2 cores
        }
      }
      String ext = String.valueOf(10_000 + i % extensions);
      Instant now = Instant.now();
      CallEvent e = shape.event(tag, i, ext, now);
      producer.send(new ProducerRecord<>(Topics.SWITCH_EVENTS.name(), ext, e));
    }
    producer.flush();
  }

  /** Reads until {@code expected} events arrived; records each one's latency in nanoseconds if asked. */
  private static int drain(KafkaConsumer<String, ExtensionEvent> consumer, int expected, Duration timeout, long[] latencies) {
    int got = 0;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (got < expected && System.nanoTime() < deadline) {
      for (ConsumerRecord<String, ExtensionEvent> r : consumer.poll(Duration.ofMillis(100))) {
        if (latencies != null && got < latencies.length) {
          Instant ingest = r.value().getEvent().getIngestTime();
          latencies[got] = Duration.between(ingest, Instant.now()).toNanos();
        }
        got++;
      }
    }
    return got;
  }

  private static void waitUntilRunning(StreamsService service) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (service.state() != org.apache.kafka.streams.KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }

  /** What the benchmark's events look like: every {@code perCall} events one call, or no calls at all. */
  private record EventShape(int perCall) {
    EventShape {
      if (perCall < 0) {
        throw new IllegalArgumentException("calls= is 0 (no calls) or the events per call, not " + perCall);
      }
    }

    CallEvent event(String tag, int i, String extension, Instant now) {
      CallEvent.Builder b = CallEvent.newBuilder().setEventUuid(EventUuids.next()).setSource(EventSource.SWITCH)
          .setEventNameS(tag).setConnectNum(extension).setEventTime(now).setIngestTime(now);
      if (perCall > 0) {
        b.setUcid(tag + "-" + i / perCall);
        if (i % perCall == perCall - 1) {
          b.setEventNameS("C_CALLEND");
        }
      }
      return b.build();
    }

    @Override
    public String toString() {
      return perCall == 0 ? "no calls" : "a call every " + perCall + " events";
    }
  }
}
