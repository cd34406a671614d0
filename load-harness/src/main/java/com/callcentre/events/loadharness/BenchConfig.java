package com.callcentre.events.loadharness;

import com.callcentre.events.runtime.config.ConfigException;
import com.callcentre.events.runtime.config.Env;
import com.callcentre.events.runtime.config.Setting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What one {@code bin/bench SCENARIO key=value ...} run does, parsed once. Each key is declared
 * below with its default and range; {@code bin/bench help} prints them.
 */
public record BenchConfig(String scenario, int subscribers, List<Integer> steps, List<String> mix, int extensions,
    int rate, int dialerPercent, Duration warmup, Duration duration, int edges, String edgeHeap, List<String> edgeJvm, Duration pause,
    int partitions, int rampRate, int perClient, int peerSubscribers, int wakeExtensions, List<Integer> kneeRates,
    int backlog, String broker, String profile, boolean record, Path out) {

  public static final List<String> SCENARIOS = List.of("held", "latency", "knee", "throughput", "peer", "smoke", "soak");
  private static final Pattern NUMBER = Pattern.compile("[0-9]{1,7}");

  static final Setting<Integer> SUBSCRIBERS = Setting.integer("SUBSCRIBERS", 100_000, 1, 1_000_000,
      "subscribers held during latency and knee (held: the last of steps)");
  static final Setting<List<String>> STEPS = Setting.list("STEPS", "20000,50000,100000", NUMBER, "counts",
      "held: the subscriber counts to ramp to, in order");
  static final Setting<List<String>> MIX = Setting.list("MIX", "longpoll,websocket,sse",
      Pattern.compile("longpoll|websocket|sse"), "longpoll, websocket, sse",
      "protocols dealt to subscribers in turn (repeat one to weight it: longpoll,longpoll,websocket)");
  static final Setting<Integer> EXTENSIONS = Setting.integer("EXTENSIONS", 10_000, 1, 250_000,
      "extensions the load and the subscribers are spread over (1,000 agents per simulated VDN)");
  static final Setting<Integer> RATE = Setting.integer("RATE", 1000, 1, 200_000, "events/s into the pipeline");
  static final Setting<Integer> DIALER_PERCENT = Setting.integer("DIALER_PERCENT", 10, 0, 100,
      "share of RATE sent by the dialer (half over 0MQ, half over HTTP); the rest is the switch simulator");
  // Two minutes: at 30 s the services' JIT compilers still took a quarter of the two cores, and the
  // pipeline was still working off the backlog its first minute of load left (docs/benchmarks.md, #11 fifth round).
  static final Setting<Duration> WARMUP = Setting.duration("WARMUP", Duration.ofSeconds(120),
      "load before measuring (the JIT compilers settle and the start-up backlog is worked off)");
  static final Setting<Duration> DURATION = Setting.duration("DURATION", Duration.ofSeconds(60), "measured load");
  static final Setting<Integer> EDGES = Setting.integer("EDGES", 0, 0, 64,
      "edge JVMs sharing one port (SO_REUSEPORT); 0: one per 15,000 subscribers");
  static final Setting<String> EDGE_HEAP = Setting.text("EDGE_HEAP", "512m", "-Xmx of each edge JVM");
  /** As docker-compose.yml runs the edge: G1 with a 20 ms pause goal (docs/benchmarks.md, #11, ninth round). */
  static final Setting<List<String>> EDGE_JVM = Setting.list("EDGE_JVM", "-XX:+UseG1GC,-XX:MaxGCPauseMillis=20",
      Pattern.compile("-[A-Za-z][^,]*"), "JVM options", "JVM options of each edge beside -Xmx, e.g. -XX:+UseZGC");
  static final Setting<Duration> PAUSE = Setting.duration("PAUSE", Duration.ZERO,
      "long-poll clients' pause after an event before polling again (the legacy script's is 300ms)");
  static final Setting<Integer> PARTITIONS = Setting.integer("PARTITIONS", 6, 1, 64, "partitions per topic");
  static final Setting<Integer> RAMP_RATE = Setting.integer("RAMP_RATE", 4000, 1, 1_000_000,
      "new connections per second while ramping, all client processes together");
  static final Setting<Integer> PER_CLIENT = Setting.integer("PER_CLIENT", 16_000, 1, 18_000,
      "subscribers per client process (each under the 20,000 open-file cap, on a source address of its own)");
  static final Setting<Integer> PEER_SUBSCRIBERS = Setting.integer("PEER_SUBSCRIBERS", 15_000, 1, 18_000,
      "peer: long-polls held on each side (Pushpin's connection manager is one process under the file cap)");
  static final Setting<Integer> WAKE_EXTENSIONS = Setting.integer("WAKE_EXTENSIONS", 10_000, 1, 250_000,
      "peer: held requests woken at once by one event each");
  static final Setting<List<String>> KNEE_RATES = Setting.list("KNEE_RATES", "500,1000,2000,4000,8000,16000", NUMBER,
      "events/s", "knee: the rates tried in order until p99 doubles");
  static final Setting<Integer> BACKLOG = Setting.integer("BACKLOG", 100_000, 1000, 10_000_000,
      "throughput: events written to the switch topic at once for the streams-app to work off");
  private static final Pattern BROKER_SETTINGS = Pattern.compile("([a-z][a-z0-9.]*=[^=,]+)(,[a-z][a-z0-9.]*=[^=,]+)*");
  static final Setting<String> BROKER = Setting.text("BROKER", "",
      "server properties of the embedded broker over its own, e.g. num.io.threads=8,num.network.threads=3 (Kafka's defaults)")
      .check(v -> v.isEmpty() || BROKER_SETTINGS.matcher(v).matches(), "comma-separated name=value server properties");
  static final Setting<String> PROFILE = Setting.text("PROFILE", "",
      "record these services with JDK Flight Recorder (edge, streams, switch, dialer; comma-separated) into the run folder");
  static final Setting<Boolean> RECORD = Setting.bool("RECORD", true, "append a row to docs/benchmarks.md");
  static final Setting<String> OUT = Setting.text("OUT", "target/bench", "where SCENARIO.json, the plot and the run folder go");

  public static final List<Setting<?>> SETTINGS = List.of(SUBSCRIBERS, STEPS, MIX, EXTENSIONS, RATE, DIALER_PERCENT,
      WARMUP, DURATION, EDGES, EDGE_HEAP, EDGE_JVM, PAUSE, PARTITIONS, RAMP_RATE, PER_CLIENT, PEER_SUBSCRIBERS, WAKE_EXTENSIONS,
      KNEE_RATES, BACKLOG, BROKER, PROFILE, RECORD, OUT);

  /** {@code held subscribers=5000 rate=200}: a scenario name, then key=value pairs (keys as listed, any case). */
  public static BenchConfig parse(String[] args) {
    if (args.length == 0 || !SCENARIOS.contains(args[0])) {
      throw new ConfigException("the first argument is the scenario: one of " + String.join(", ", SCENARIOS)
          + (args.length == 0 ? "" : " (got '" + args[0] + "')"));
    }
    List<String> flags = new ArrayList<>();
    if (args[0].equals("smoke")) {
      // The small run bin/test makes so the harness cannot rot: every part, in seconds. Keys given still win.
      flags.addAll(List.of("--subscribers=300", "--extensions=100", "--rate=100", "--warmup=3s", "--duration=5s",
          "--edges=2", "--per_client=150", "--ramp_rate=1000", "--record=false"));
    }
    if (args[0].equals("soak")) {
      // Long and steady rather than big: a rate the two cores keep up with, churn on top of the held.
      flags.addAll(List.of("--subscribers=5000", "--extensions=1000", "--rate=200", "--duration=10m", "--record=false"));
    }
    for (int i = 1; i < args.length; i++) {
      if (!args[i].contains("=")) {
        throw new ConfigException("arguments after the scenario are key=value, got '" + args[i] + "'");
      }
      flags.add("--" + args[i]);
    }
    Env env = Env.fromArgs(flags.toArray(String[]::new), Map.of(), SETTINGS);
    List<Integer> steps = env.get(STEPS).stream().map(Integer::parseInt).toList();
    boolean held = args[0].equals("held");
    return new BenchConfig(args[0], held ? steps.get(steps.size() - 1) : env.get(SUBSCRIBERS), steps, env.get(MIX),
        env.get(EXTENSIONS), env.get(RATE), env.get(DIALER_PERCENT), env.get(WARMUP), env.get(DURATION), env.get(EDGES),
        env.get(EDGE_HEAP), env.get(EDGE_JVM), env.get(PAUSE), env.get(PARTITIONS), env.get(RAMP_RATE), env.get(PER_CLIENT),
        env.get(PEER_SUBSCRIBERS), env.get(WAKE_EXTENSIONS), env.get(KNEE_RATES).stream().map(Integer::parseInt).toList(),
        env.get(BACKLOG), env.get(BROKER), env.get(PROFILE), env.get(RECORD), Path.of(env.get(OUT)));
  }

  /** Edge JVMs for {@code held} subscribers: as asked, else one per 15,000 (each under the file cap with room). */
  public int edgesFor(int held) {
    return edges > 0 ? edges : Math.max(1, (held + 14_999) / 15_000);
  }

  /** The {@code broker=} settings as server properties. */
  public Map<String, String> brokerSettings() {
    return broker.isEmpty() ? Map.of() : Arrays.stream(broker.split(",")).map(s -> s.split("=", 2))
        .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1], (a, b) -> b));
  }

  public boolean profiles(String service) {
    return List.of(profile.split(",")).contains(service);
  }
}
