package com.callcentre.events.devstack;

import com.callcentre.events.dialer.DialerConfig;
import com.callcentre.events.edge.EdgeConfig;
import com.callcentre.events.edge.access.AccessConfig;
import com.callcentre.events.runtime.config.Env;
import com.callcentre.events.runtime.config.Setting;
import com.callcentre.events.runtime.config.Settings;
import com.callcentre.events.streams.StreamsAppConfig;
import com.callcentre.events.switchreader.SwitchConfig;
import com.callcentre.events.runtime.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Settings of the local stack, parsed once at start-up by the same mechanism as every service's:
 * flags first, then environment variables, then defaults. The launcher's own settings have
 * bin/run-style flags ({@code --data-dir DIR}); every service setting is accepted too (as a
 * variable or {@code --NAME=value}) and checked before anything starts, so a bad value stops the
 * launcher with a message naming it rather than after Kafka is up.
 *
 * @param services      every setting given, handed to the services the launcher runs
 */
public record DevStackConfig(Path dataDir, boolean wipe, int kafkaPort, int controllerPort, int registryPort, int partitions,
    int edgePort, boolean sampleFeed, boolean prometheus, int prometheusPort, Path opsDir, Env services) {

  public static final Setting<String> DATA_DIR = Setting.text("DEV_STACK_DATA_DIR", "data",
      "where the broker's logs, the registry's database and the streams state live (kept across restarts)")
      .withFlag("data-dir");
  public static final Setting<Boolean> WIPE = Setting.bool("DEV_STACK_WIPE", false, "delete the data folder first")
      .withFlag("wipe");
  public static final Setting<Integer> KAFKA_PORT = Setting.port("KAFKA_PORT", 9092, "Kafka client port").withFlag("kafka-port");
  public static final Setting<Integer> CONTROLLER_PORT = Setting.port("KAFKA_CONTROLLER_PORT", 9093, "KRaft controller port")
      .withFlag("controller-port");
  public static final Setting<Integer> REGISTRY_PORT = Setting.port("REGISTRY_PORT", 8081,
      "schema registry port; the Confluent API is at /apis/ccompat/v7").withFlag("registry-port");
  public static final Setting<Integer> PARTITIONS = Setting.integer("TOPIC_PARTITIONS", 3, 1, 1000,
      "partitions per topic when the topics are first created").withFlag("partitions");
  public static final Setting<Integer> EDGE_PORT = EdgeConfig.HTTP_PORT.withFlag("edge-port");
  public static final Setting<Boolean> SAMPLE_FEED = Setting.bool("DEV_STACK_SAMPLE_FEED", true,
      "run the sample workstation feed through the dialer's 0MQ endpoint (--no-sample-feed to leave it out)")
      .withFlag("sample-feed");

  public static final Setting<Boolean> PROMETHEUS = Setting.bool("DEV_STACK_PROMETHEUS", false,
      "also run Debian's prometheus (apt-get install prometheus) with the repository's config and alert rules against the stack")
      .withFlag("prometheus");
  public static final Setting<Integer> PROMETHEUS_PORT = Setting.port("DEV_STACK_PROMETHEUS_PORT", 9090,
      "port of that Prometheus's web UI and API").withFlag("prometheus-port");
  public static final Setting<String> OPS_DIR = Setting.text("DEV_STACK_OPS_DIR", "ops",
      "the repository's ops folder (Prometheus config and alert rules)").withFlag("ops-dir");

  static final List<Setting<?>> OWN = List.of(DATA_DIR, WIPE, KAFKA_PORT, CONTROLLER_PORT, REGISTRY_PORT, PARTITIONS,
      EDGE_PORT, SAMPLE_FEED, PROMETHEUS, PROMETHEUS_PORT, OPS_DIR);
  /** The launcher's settings first (so the flagged EDGE_HTTP_PORT wins), then every service's. */
  public static final List<Setting<?>> SETTINGS = Settings.join(OWN, SwitchConfig.SETTINGS, DialerConfig.SETTINGS,
      StreamsAppConfig.SETTINGS, EdgeConfig.SETTINGS);

  public static DevStackConfig parse(String[] args, Map<String, String> variables) {
    return from(Env.fromArgs(args, variables, SETTINGS));
  }

  public static DevStackConfig from(Env given) {
    // The dev stack is for one developer on loopback: its edge is open unless told otherwise,
    // and says so on the console (a service started on its own is closed by default).
    Env env = given.isSet(AccessConfig.ACCESS) ? given : given.with(Map.of(AccessConfig.ACCESS.name(), "open"));
    checkServiceSettings(env);
    Path ops = Path.of(env.get(OPS_DIR));
    if (env.get(PROMETHEUS)) {
      if (!LocalPrometheus.installed()) {
        throw new ConfigException("--prometheus needs Debian's prometheus on the PATH: apt-get install prometheus");
      }
      if (!Files.isRegularFile(ops.resolve("prometheus").resolve("prometheus.yml"))) {
        throw new ConfigException("--prometheus: no prometheus/prometheus.yml under " + ops.toAbsolutePath()
            + " (run from the repository's root or set --ops-dir)");
      }
    }
    return new DevStackConfig(Path.of(env.get(DATA_DIR)), env.get(WIPE), env.get(KAFKA_PORT), env.get(CONTROLLER_PORT),
        env.get(REGISTRY_PORT), env.get(PARTITIONS), env.get(EDGE_PORT), env.get(SAMPLE_FEED), env.get(PROMETHEUS),
        env.get(PROMETHEUS_PORT), ops, env);
  }

  /** Parses every service's config now, with the addresses the launcher will fill in later, to refuse bad values early. */
  private static void checkServiceSettings(Env env) {
    Env probe = env.with(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1", "SCHEMA_REGISTRY_URL", "http://127.0.0.1:1"));
    SwitchConfig.from(probe);
    DialerConfig.from(probe);
    StreamsAppConfig.from(probe);
    EdgeConfig.from(probe);
  }
}
