package com.callcentre.events.loadharness.scenario;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.EventSource;
import com.callcentre.events.loadharness.BenchConfig;
import com.callcentre.events.loadharness.measure.RecordCounter;
import com.callcentre.events.loadharness.pipeline.ServiceProcess;
import com.callcentre.events.loadharness.report.Console;
import com.callcentre.events.runtime.kafka.KafkaSettings;
import com.callcentre.events.schemas.events.EventUuids;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.serde.AvroSerializer;
import com.callcentre.events.schemas.topics.Topics;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code throughput}: the streams-app (its own JVM, exactly-once) working off a backlog written to
 * the switch topic while it was frozen, timed from its thaw, after a warm-up of 30,000 events; then the edges' snapshot endpoint {@code /api/extensions/{ext}} under
 * {@code wrk} (Debian's), over every extension in turn.
 */
final class ThroughputScenario implements Scenario {
  private static final Duration WRK_FOR = Duration.ofSeconds(15);
  private static final int WARM_UP = 30_000;

  @Override
  public Outcome run(BenchConfig config, Path runDir, Console console) throws Exception {
    try (Bench bench = Bench.start(config, runDir, 1, console)) {
      String kafka = bench.pipeline.infra().bootstrapServers();
      int backlog = config.backlog();
      double seconds;
      long sequenced;
      ServiceProcess streams = bench.pipeline.service("streams-app");
      try (RecordCounter out = new RecordCounter(kafka, Topics.EXTENSION_EVENTS.name());
           KafkaProducer<String, CallEvent> producer = backlogWriter(bench)) {
        // A fresh JVM runs its first thousands of events interpreted (the rate ramps over ~5 s), so
        // the measured backlog follows a warm-up that is sequenced first and not counted.
        console.line("warming the streams-app up with %,d events", WARM_UP);
        write(producer, bench, WARM_UP);
        long warmed = out.awaitCount(WARM_UP, Duration.ofMinutes(5));
        console.line("warm-up: %,d of %,d sequenced", warmed, WARM_UP);
        console.line("writing a backlog of %,d events over %,d extensions to %s with the streams-app frozen (SIGSTOP)",
            backlog, bench.extensions.count(), Topics.SWITCH_EVENTS.name());
        // Frozen for the few seconds of writing (inside its 10 s session): it finds the whole backlog
        // waiting, and the write does not compete with it for the two cores.
        streams.pause();
        double written;
        try {
          written = write(producer, bench, backlog);
        } finally {
          streams.resume();
        }
        long start = System.nanoTime();
        sequenced = out.awaitCount(backlog, Duration.ofMinutes(10));
        seconds = (System.nanoTime() - start) / 1e9;
        console.line("streams-app: %,d of %,d sequenced in %.1f s from its thaw = %,.0f events/s (the backlog took %.1f s to write)",
            sequenced, backlog, seconds, sequenced / seconds, written);
      }
      JsonObject wrk = wrk(bench, runDir, console);
      JsonObject summary = new JsonObject()
          .put("streams_backlog", backlog)
          .put("streams_sequenced", sequenced)
          .put("streams_events_per_second", Math.round(sequenced / seconds))
          .put("edge_snapshot", wrk)
          .put("edges", bench.pipeline.edges().size());
      return new Outcome(summary, java.util.Map.of(), List.of(
          String.format("streams-app %,.0f events/s on a %,d backlog", sequenced / seconds, backlog),
          wrk.containsKey("requests_per_second") ? String.format("edge snapshots %,.0f req/s (wrk)",
              wrk.getDouble("requests_per_second")) : "wrk not run: " + wrk.getString("skipped")));
    }
  }

  /** Writes {@code n} events over every extension in turn; returns the seconds it took, flush included. */
  private static double write(KafkaProducer<String, CallEvent> producer, Bench bench, int n) {
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      String ext = bench.extensions.get(i % bench.extensions.count());
      Instant now = Instant.now();
      producer.send(new ProducerRecord<>(Topics.SWITCH_EVENTS.name(), ext, CallEvent.newBuilder()
          .setEventUuid(EventUuids.next()).setSource(EventSource.SWITCH).setEventNameS("C_CONNECTED")
          .setConnectNum(ext).setEventTime(now).setIngestTime(now).build()));
    }
    producer.flush();
    return (System.nanoTime() - start) / 1e9;
  }

  /** A load tool's producer: large batches, so 100,000 events are written in a few seconds. */
  private static KafkaProducer<String, CallEvent> backlogWriter(Bench bench) {
    String registryUrl = bench.pipeline.infra().registryUrl();
    Map<String, Object> settings = new KafkaSettings(bench.pipeline.infra().bootstrapServers(), registryUrl)
        .reliableProducer("bench-backlog");
    settings.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    settings.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    return new KafkaProducer<>(settings, new StringSerializer(), new AvroSerializer<>(SchemaRegistryClient.forUrl(registryUrl), false));
  }

  private JsonObject wrk(Bench bench, Path runDir, Console console) throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of("/usr/bin/wrk"))) {
      console.line("wrk is not installed (apt-get install wrk); the snapshot endpoint is not measured");
      return new JsonObject().put("skipped", "wrk not installed");
    }
    Path script = runDir.resolve("snapshots.lua");
    int n = Math.min(bench.extensions.count(), 1000);
    StringBuilder lua = new StringBuilder("local exts = {");
    for (int i = 0; i < n; i++) {
      lua.append('"').append(bench.extensions.get(i)).append("\",");
    }
    lua.append("}\nlocal i = 0\nrequest = function()\n  i = i + 1\n"
        + "  return wrk.format(\"GET\", \"/api/extensions/\" .. exts[(i % #exts) + 1])\nend\n");
    Files.writeString(script, lua);
    List<String> command = List.of("wrk", "-t2", "-c64", "-d" + WRK_FOR.toSeconds() + "s", "--latency", "-s",
        script.toString(), "http://127.0.0.1:" + bench.pipeline.edgePort() + "/");
    console.line("%s", String.join(" ", command));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    System.out.print(output);
    JsonObject out = new JsonObject().put("command", String.join(" ", command));
    Matcher rps = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(output);
    if (rps.find()) {
      out.put("requests_per_second", Double.parseDouble(rps.group(1)));
    }
    for (String pct : List.of("50", "99")) {
      Matcher m = Pattern.compile("\\s" + pct + "%\\s+([0-9.]+)(us|ms|s)").matcher(output);
      if (m.find()) {
        double v = Double.parseDouble(m.group(1));
        out.put("p" + pct + "_ms", m.group(2).equals("us") ? v / 1000 : m.group(2).equals("s") ? v * 1000 : v);
      }
    }
    Matcher errors = Pattern.compile("Non-2xx or 3xx responses: ([0-9]+)").matcher(output);
    out.put("non_2xx", errors.find() ? Long.parseLong(errors.group(1)) : 0);
    return out;
  }
}
