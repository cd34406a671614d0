package com.callcentre.events.loadharness.pipeline;

import com.callcentre.events.dialer.DialerMain;
import com.callcentre.events.edge.EdgeMain;
import com.callcentre.events.infra.EmbeddedKafka;
import com.callcentre.events.infra.EmbeddedRegistry;
import com.callcentre.events.infra.LocalInfra;
import com.callcentre.events.infra.process.FreePorts;
import com.callcentre.events.loadharness.BenchConfig;
import com.callcentre.events.loadharness.load.Extensions;
import com.callcentre.events.schemas.topics.TopicProvisioner;
import com.callcentre.events.schemas.topics.TopicSettings;
import com.callcentre.events.streams.StreamsAppMain;
import com.callcentre.events.switchreader.SwitchMain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline under test as production runs it: the real broker and registry, the dialer, the
 * streams-app and E edges each in its own JVM, the edges sharing one port (SO_REUSEPORT) with an
 * ops port each. The switch reader is started with the load ({@link #startSwitch}), since the
 * simulator's rate is set when its library is loaded.
 */
public final class Pipeline implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Pipeline.class);
  private static final Duration READY = Duration.ofSeconds(120);

  private final BenchConfig config;
  private final Path runDir;
  private final LocalInfra infra;
  private final Shape shape;
  private final List<ServiceProcess> services = new ArrayList<>();
  private final List<ServiceProcess> edges = new ArrayList<>();
  private ServiceProcess switchReader;
  private int edgePort;
  private String dialerZmq;
  private int dialerHttpPort;

  private Pipeline(BenchConfig config, Path runDir, LocalInfra infra, Shape shape) {
    this.config = config;
    this.runDir = runDir;
    this.infra = infra;
    this.shape = shape;
  }

  /**
   * How many of each: brokers (1, or 3 with every topic replicated three times, two in sync),
   * streams-app instances sharing the partitions, and edges sharing one port.
   */
  public record Shape(int brokers, int streamsApps, int edges) {
    public static Shape edges(int edges) {
      return new Shape(1, 1, edges);
    }

    short replicas() {
      return (short) Math.min(3, brokers);
    }
  }

  public static Pipeline start(BenchConfig config, Path runDir, int edgeCount) {
    return start(config, runDir, Shape.edges(edgeCount));
  }

  public static Pipeline start(BenchConfig config, Path runDir, Shape shape) {
    log.info("starting Kafka ({} node(s)) and the registry in {}", shape.brokers(), runDir);
    LocalInfra infra = LocalInfra.start(
        new EmbeddedKafka.Config(runDir.resolve("kafka"), FreePorts.pick(), FreePorts.pick(), "1g", shape.brokers(),
            config.brokerSettings()),
        new EmbeddedRegistry.Config(runDir.resolve("registry"), FreePorts.pick(), false, "384m"));
    Pipeline pipeline = new Pipeline(config, runDir, infra, shape);
    try {
      TopicProvisioner.ensureAll(infra.bootstrapServers(),
          new TopicSettings(config.partitions(), shape.replicas(), Duration.ofDays(1)));
      pipeline.startServices();
      return pipeline;
    } catch (RuntimeException | InterruptedException e) {
      pipeline.close();
      throw new IllegalStateException("the pipeline did not start: " + e.getMessage(), e);
    }
  }

  private void startServices() {
    dialerHttpPort = FreePorts.pick();
    dialerZmq = "tcp://127.0.0.1:" + FreePorts.pick();
    add(ServiceProcess.start("ingest-dialer", DialerMain.class.getName(), ServiceProcess.jvm("384m"),
        kafka(Map.of("DIALER_ZMQ_ENDPOINT", dialerZmq, "DIALER_HTTP_PORT", Integer.toString(dialerHttpPort),
            "DIALER_QUEUE_CAPACITY", "100000")), Map.of(), dialerHttpPort, runDir, config.profiles("dialer")));
    for (int i = 1; i <= shape.streamsApps(); i++) {
      String name = i == 1 ? "streams-app" : "streams-app-" + i;
      int streamsOps = FreePorts.pick();
      add(ServiceProcess.start(name, StreamsAppMain.class.getName(), ServiceProcess.jvm("768m"),
          kafka(Map.of("STREAMS_STATE_DIR", runDir.resolve(name + "-state").toString(),
              "STREAMS_HTTP_PORT", Integer.toString(streamsOps),
              "STREAMS_REPLICATION_FACTOR", Short.toString(shape.replicas()))), Map.of(), streamsOps, runDir,
          i == 1 && config.profiles("streams")));
    }
    edgePort = FreePorts.pick();
    for (int i = 1; i <= shape.edges(); i++) {
      int ops = FreePorts.pick();
      edges.add(add(ServiceProcess.start("web-edge-" + i, EdgeMain.class.getName(),
          ServiceProcess.jvm(config.edgeHeap(), config.edgeJvm()),
          kafka(Map.ofEntries(
              Map.entry("EDGE_HTTP_PORT", Integer.toString(edgePort)),
              // The fan-out is measured, not token checks: open, as the dev stack runs.
              Map.entry("EDGE_ACCESS", "open"),
              Map.entry("EDGE_REUSE_PORT", "true"),
              Map.entry("EDGE_OPS_PORT", Integer.toString(ops)),
              Map.entry("EDGE_TIMING_FIELDS", "true"),
              Map.entry("EDGE_EVENT_LOOPS", shape.edges() > 1 ? "1" : "2"),
              Map.entry("EDGE_LONG_POLL_TIMEOUT", "10m"),
              // under the 20,000 open files a process may have, with room for the JVM's own
              Map.entry("EDGE_MAX_CONNECTIONS", "19500"))),
          Map.of(), ops, runDir, i == 1 && config.profiles("edge"))));
    }
    for (ServiceProcess s : services) {
      s.awaitReady(READY);
    }
    log.info("pipeline ready: dialer, streams-app and {} edge(s) sharing port {}", shape.edges(), edgePort);
  }

  /**
   * Starts the switch reader on the simulator producing {@code eventsPerSecond} in random call flows
   * over {@code extensions}: one VDN reader per 1,000 agents, each VDN at its share of the rate.
   */
  public void startSwitch(Extensions extensions, int eventsPerSecond) {
    stopSwitch();
    int ops = FreePorts.pick();
    long intervalUs = eventsPerSecond == 0 ? 3_600_000_000L : Math.max(1, 1_000_000L * extensions.vdns() / eventsPerSecond);
    Map<String, String> simulator = Map.of("ASAI_SIM_MODE", "random", "ASAI_SIM_INTERVAL_US", Long.toString(intervalUs),
        "ASAI_SIM_AGENTS", Integer.toString(extensions.agentsPerVdn()));
    switchReader = add(ServiceProcess.start("ingest-switch", SwitchMain.class.getName(), ServiceProcess.jvm("384m"),
        kafka(Map.of("SWITCH_VDNS", String.join(",", extensions.vdnNumbers()), "SWITCH_HTTP_PORT", Integer.toString(ops))),
        simulator, ops, runDir, config.profiles("switch")));
    switchReader.awaitReady(READY);
  }

  public void stopSwitch() {
    if (switchReader != null) {
      switchReader.close();
      services.remove(switchReader);
      switchReader = null;
    }
  }

  private ServiceProcess add(ServiceProcess s) {
    services.add(s);
    return s;
  }

  private Map<String, String> kafka(Map<String, String> own) {
    Map<String, String> all = new HashMap<>(own);
    all.put("KAFKA_BOOTSTRAP_SERVERS", infra.bootstrapServers());
    all.put("SCHEMA_REGISTRY_URL", infra.registryUrl());
    return all;
  }

  public LocalInfra infra() {
    return infra;
  }

  public List<ServiceProcess> edges() {
    return edges;
  }

  /** Every process of the pipeline now running, the broker and registry included, by name to pid. */
  public Map<String, Long> processes() {
    Map<String, Long> all = new java.util.LinkedHashMap<>();
    all.put("kafka-broker", infra.kafka().pid());
    all.put("schema-registry", infra.registry().pid());
    services.forEach(s -> all.put(s.name(), s.pid()));
    return all;
  }

  /** The running service of that name (ingest-dialer, streams-app, streams-app-2, web-edge-1, ingest-switch ...). */
  public ServiceProcess service(String name) {
    return services.stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no service " + name + " in " + processes().keySet()));
  }

  public List<ServiceProcess> services() {
    return List.copyOf(services);
  }

  public int edgePort() {
    return edgePort;
  }

  public String dialerZmqEndpoint() {
    return dialerZmq;
  }

  public String dialerHttpUrl() {
    return "http://127.0.0.1:" + dialerHttpPort + "/dialer/events";
  }

  @Override
  public void close() {
    // Sources first, then the processors, the edges, and the broker they all use.
    stopSwitch();
    for (int i = services.size() - 1; i >= 0; i--) {
      try {
        services.get(i).close();
      } catch (RuntimeException e) {
        log.warn("stopping {}: {}", services.get(i).name(), e.toString());
      }
    }
    infra.close();
  }
}
