package com.callcentre.events.loadharness.clients;

import com.callcentre.events.infra.process.ChildJvm;
import com.callcentre.events.infra.process.FreePorts;
import com.callcentre.events.loadharness.measure.Http;
import com.callcentre.events.loadharness.measure.Latencies;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load client processes, seen from the harness: subscriber i lives in process i / perClient,
 * which connects from its own source address (127.0.0.2, 127.0.0.3, ...) so no address pair runs
 * out of ephemeral ports, and holds at most perClient sockets, under the per-process file cap.
 */
public final class ClientFleet implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClientFleet.class);

  /** One subscriber to open: its protocol, extension and connection name. */
  public record Subscription(String protocol, String extension, String name) {}

  /**
   * A client process by name ({@code <tag>-client-<n>}), with its GC log: a client's pause delays
   * the receipt of everything it holds, and is measured as latency, so the figures show it.
   */
  public record ClientProcess(String name, long pid, Path gcLog) {}

  private final List<ChildJvm> processes;
  private final List<ClientProcess> described;
  private final List<String> controls;
  private final int perClient;
  private int opened;

  private ClientFleet(List<ChildJvm> processes, List<ClientProcess> described, List<String> controls, int perClient) {
    this.processes = processes;
    this.described = described;
    this.controls = controls;
    this.perClient = perClient;
  }

  public static ClientFleet start(int subscribers, int perClient, Path runDir, String tag) {
    int count = Math.max(1, (subscribers + perClient - 1) / perClient);
    List<ChildJvm> processes = new ArrayList<>();
    List<ClientProcess> described = new ArrayList<>();
    List<String> controls = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        int port = FreePorts.pick();
        String name = tag + "-client-" + (i + 1);
        Path gcLog = runDir.resolve(name + "-gc.log");
        // ZGC: a client's pause delays every receipt it holds and is measured as the pipeline's
        // latency; with the parallel collector its 80 ms pauses were the p99.9 of "edge write to
        // client" (docs/benchmarks.md, #11, ninth round).
        ChildJvm jvm = ChildJvm.start(name, List.of("-Xmx768m", "-XX:+UseZGC",
            "--enable-native-access=ALL-UNNAMED", "-Xlog:gc:file=" + gcLog + ":uptime"), System.getProperty("java.class.path"),
            LoadClientMain.class.getName(), List.of(Integer.toString(port)), runDir.resolve(name + ".log"));
        processes.add(jvm);
        described.add(new ClientProcess(name, jvm.pid(), gcLog));
        controls.add("http://127.0.0.1:" + port);
      }
      for (int i = 0; i < count; i++) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Http.isOk(controls.get(i) + "/status")) {
          processes.get(i).checkAlive();
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("client " + (i + 1) + " did not start:\n" + processes.get(i).logTail(20));
          }
          Http.pause(Duration.ofMillis(100));
        }
      }
    } catch (RuntimeException e) {
      processes.forEach(ChildJvm::close);
      throw e;
    }
    log.info("{} client process(es) up, {} subscribers each at most", count, perClient);
    return new ClientFleet(processes, described, controls, perClient);
  }

  /** The source address of client process i (0-based): 127.0.0.2, 127.0.0.3, ... */
  static String sourceAddress(int i) {
    return "127.0.0." + (2 + i);
  }

  /** Opens more subscribers, continuing where the last call stopped, at {@code perSecond} in all. */
  public void open(String host, int port, long pauseMs, List<Subscription> more, int perSecond) {
    Map<Integer, JsonArray> byProcess = new java.util.TreeMap<>();
    for (Subscription s : more) {
      int process = opened / perClient;
      if (process >= processes.size()) {
        throw new IllegalArgumentException("more subscribers than " + processes.size() + " client processes hold");
      }
      byProcess.computeIfAbsent(process, p -> new JsonArray())
          .add(new JsonArray().add(s.protocol()).add(s.extension()).add(s.name()));
      opened++;
    }
    int rate = Math.max(1, perSecond / Math.max(1, byProcess.size()));
    byProcess.forEach((process, list) -> Http.post(controls.get(process) + "/open", new JsonObject()
        .put("host", host).put("port", port).put("local", sourceAddress(process)).put("pause_ms", pauseMs)
        .put("capacity", perClient).put("rate", rate).put("subscribers", list).encode()));
  }

  /** Sums of every process's status; errors by reason merged. */
  public JsonObject status() {
    JsonObject total = new JsonObject().put("opened", 0).put("held", 0).put("failures", 0L).put("reconnects", 0L)
        .put("held_by_protocol", new JsonObject()).put("errors", new JsonObject());
    for (String c : controls) {
      JsonObject s = new JsonObject(Http.get(c + "/status"));
      total.put("opened", total.getInteger("opened") + s.getInteger("opened", 0));
      total.put("held", total.getInteger("held") + s.getInteger("held", 0));
      total.put("failures", total.getLong("failures") + s.getLong("failures", 0L));
      total.put("reconnects", total.getLong("reconnects") + s.getLong("reconnects", 0L));
      mergeCounts(total.getJsonObject("held_by_protocol"), s.getJsonObject("held_by_protocol", new JsonObject()));
      mergeCounts(total.getJsonObject("errors"), s.getJsonObject("errors", new JsonObject()));
    }
    return total;
  }

  /**
   * Waits until {@code expected} subscribers are held, or until the count stops growing for 20 s
   * or {@code timeout} passes; returns the last status either way, for the figures to say.
   */
  public JsonObject awaitHeld(int expected, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int best = -1;
    long lastProgress = System.nanoTime();
    JsonObject s = status();
    while (s.getInteger("held") < expected && System.nanoTime() < deadline
        && System.nanoTime() - lastProgress < Duration.ofSeconds(20).toNanos()) {
      Http.pause(Duration.ofMillis(500));
      processes.forEach(ChildJvm::checkAlive);
      s = status();
      if (s.getInteger("held") > best) {
        best = s.getInteger("held");
        lastProgress = System.nanoTime();
      }
    }
    return s;
  }

  /** Starts the measured window: only events that originate from now on are measured. */
  public void measureFrom(long epochMillis) {
    controls.forEach(c -> Http.post(c + "/measure", new JsonObject().put("from", epochMillis).encode()));
  }

  /** Ends the measured window: events that originate from now on are still checked, but not measured. */
  public void measureUntil(long epochMillis) {
    controls.forEach(c -> Http.post(c + "/measure", new JsonObject().put("until", epochMillis).encode()));
  }

  /** Every process's counts added up, and their histograms merged. */
  public Report report() {
    Latencies latencies = new Latencies();
    JsonObject counts = new JsonObject();
    for (String c : controls) {
      JsonObject r = new JsonObject(Http.get(c + "/report"));
      latencies.addEncoded(r.getJsonObject("latency"));
      for (String k : List.of("received", "measured", "order_violations", "duplicates", "missing", "gap_messages")) {
        counts.put(k, counts.getLong(k, 0L) + r.getLong(k, 0L));
      }
      JsonObject faults = counts.getJsonObject("faults_by_protocol", new JsonObject());
      mergeCounts(faults, r.getJsonObject("faults_by_protocol", new JsonObject()));
      counts.put("faults_by_protocol", faults);
    }
    return new Report(counts, latencies);
  }

  /** Subscribers short of their extension's last sequence, in every process. */
  public JsonObject verify(Map<String, Long> finalSeqs) {
    JsonObject finals = new JsonObject();
    finalSeqs.forEach(finals::put);
    String body = new JsonObject().put("final", finals).encode();
    JsonObject total = new JsonObject().put("checked", 0L).put("behind", 0L).put("missing_tail", 0L);
    for (String c : controls) {
      JsonObject r = new JsonObject(Http.post(c + "/verify", body));
      total.fieldNames().forEach(k -> total.put(k, total.getLong(k) + r.getLong(k, 0L)));
    }
    return total;
  }

  public List<ClientProcess> processes() {
    return described;
  }

  @Override
  public void close() {
    processes.forEach(ChildJvm::close);
  }

  private static void mergeCounts(JsonObject into, JsonObject from) {
    from.forEach(e -> into.put(e.getKey(), into.getLong(e.getKey(), 0L) + ((Number) e.getValue()).longValue()));
  }

  /** What the clients measured: counts (received, correctness) and latency histograms. */
  public record Report(JsonObject counts, Latencies latencies) {}
}
