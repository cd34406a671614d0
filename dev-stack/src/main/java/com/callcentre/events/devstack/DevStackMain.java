package com.callcentre.events.devstack;

import com.callcentre.events.dialer.DialerConfig;
import com.callcentre.events.dialer.DialerService;
import com.callcentre.events.edge.EdgeConfig;
import com.callcentre.events.edge.EdgeService;
import com.callcentre.events.infra.EmbeddedKafka;
import com.callcentre.events.runtime.config.Env;
import com.callcentre.events.runtime.lifecycle.ServiceRunner;
import com.callcentre.events.streams.StreamsAppConfig;
import com.callcentre.events.streams.StreamsService;
import com.callcentre.events.switchreader.SwitchConfig;
import com.callcentre.events.switchreader.SwitchService;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;
import com.callcentre.events.infra.EmbeddedRegistry;
import com.callcentre.events.infra.LocalInfra;
import com.callcentre.events.schemas.topics.TopicProvisioner;
import com.callcentre.events.schemas.topics.TopicSettings;
import com.callcentre.events.schemas.topics.TopicSpec;
import com.callcentre.events.schemas.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: starts a real Kafka broker and Apicurio registry as child processes, creates
 * the catalogue's topics, and runs until Ctrl-C or SIGTERM, then stops everything it started.
 */
public final class DevStackMain {
  private static final Logger log = LoggerFactory.getLogger(DevStackMain.class);

  private DevStackMain() {}

  public static void main(String[] args) throws Exception {
    DevStackConfig config = switch (ServiceRunner.configure("bin/run", args, System.getenv(), DevStackConfig.SETTINGS,
        DevStackConfig::from)) {
      case ServiceRunner.Startup.Help<DevStackConfig> help -> {
        System.out.println(help.text());
        yield null;
      }
      case ServiceRunner.Startup.Refused<DevStackConfig> refused -> {
        System.err.println(refused.message());
        System.exit(ServiceRunner.EXIT_BAD_CONFIG);
        yield null;
      }
      case ServiceRunner.Startup.Run<DevStackConfig> run -> run.config();
    };
    if (config == null) {
      return;
    }
    if (config.wipe()) {
      log.info("wiping {}", config.dataDir().toAbsolutePath());
      deleteRecursively(config.dataDir());
    }
    Path logFile = config.dataDir().toAbsolutePath().resolve("logs").resolve("dev-stack.log");
    Files.createDirectories(logFile.getParent());
    DevStackLogging.alsoWriteTo(logFile);
    CountDownLatch stopped = new CountDownLatch(1);
    DevStack stack = DevStack.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("stopping the dev stack");
      stack.close();
      stopped.countDown();
    }, "dev-stack-shutdown"));
    stack.printSummary(logFile);
    stopped.await();
  }

  /** What the launcher started, stopped in reverse order. */
  static final class DevStack implements AutoCloseable {
    private final LocalInfra infra;
    private final List<AutoCloseable> services = new ArrayList<>();
    private String demoUrl = "";
    private String edgeAccess = "";
    private String dialerEndpoint = "";
    /** Service name to host:port of its /metrics, in start order. */
    private final Map<String, String> metrics = new java.util.LinkedHashMap<>();
    private String prometheusUrl = "";

    private DevStack(LocalInfra infra) {
      this.infra = infra;
    }

    static DevStack start(DevStackConfig config) throws InterruptedException {
      Path data = config.dataDir().toAbsolutePath();
      log.info("[1/4] starting Kafka (KRaft) on 127.0.0.1:{} and the schema registry on 127.0.0.1:{}, data in {}",
          config.kafkaPort(), config.registryPort(), data);
      LocalInfra infra = LocalInfra.start(
          new EmbeddedKafka.Config(data.resolve("kafka"), config.kafkaPort(), config.controllerPort(), "768m"),
          new EmbeddedRegistry.Config(data.resolve("registry"), config.registryPort(), true, "384m"));
      try {
        TopicSettings settings = new TopicSettings(config.partitions(), (short) 1, Duration.ofDays(7));
        List<String> created = TopicProvisioner.ensureAll(infra.bootstrapServers(), settings);
        log.info("[2/4] topics ready ({} created, {} already there)", created.size(), Topics.ALL.size() - created.size());
      } catch (RuntimeException | InterruptedException e) {
        infra.close();
        throw e;
      }
      DevStack stack = new DevStack(infra);
      try {
        stack.startServices(config);
      } catch (RuntimeException e) {
        stack.close();
        throw e;
      }
      return stack;
    }

    /** The services, all in this JVM, configured exactly as their own mains would be (by variables). */
    private void startServices(DevStackConfig config) {
      Map<String, String> placed = new HashMap<>();
      placed.put("KAFKA_BOOTSTRAP_SERVERS", infra.bootstrapServers());
      placed.put("SCHEMA_REGISTRY_URL", infra.registryUrl());
      if (!config.services().isSet(StreamsAppConfig.STATE_DIR)) {
        placed.put(StreamsAppConfig.STATE_DIR.name(), config.dataDir().resolve("streams").toString());
      }
      Env vars = config.services().with(placed);
      Vertx vertx = Vertx.vertx();
      services.add(() -> vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
      log.info("[3/4] starting ingest-switch (on the simulator), ingest-dialer, streams-app and web-edge");
      SwitchConfig switchConfig = SwitchConfig.from(vars);
      try {
        SwitchService reader = SwitchService.start(switchConfig, vertx, false);
        services.add(reader);
        metrics.put("ingest-switch", switchConfig.httpHost() + ":" + reader.opsPort());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot start ingest-switch: " + e.getMessage(), e);
      }
      DialerConfig dialerConfig = DialerConfig.from(vars);
      DialerService dialer = DialerService.start(dialerConfig, vertx, false);
      services.add(dialer);
      metrics.put("ingest-dialer", dialerConfig.httpHost() + ":" + dialer.httpPort());
      dialerEndpoint = dialer.zmqEndpoint();
      StreamsAppConfig streamsConfig = StreamsAppConfig.from(vars);
      StreamsService streams = StreamsService.start(streamsConfig, vertx, false);
      services.add(streams);
      metrics.put("streams-app", streamsConfig.opsHost() + ":" + streams.opsPort());
      EdgeConfig edgeConfig = EdgeConfig.from(vars);
      EdgeService edge = EdgeService.start(edgeConfig, vertx, false);
      services.add(edge);
      metrics.put("web-edge", edgeConfig.host() + ":" + edge.port());
      if (config.prometheus()) {
        LocalPrometheus prometheus = LocalPrometheus.start(config.opsDir().resolve("prometheus"),
            config.dataDir().toAbsolutePath().resolve("prometheus"), "127.0.0.1", config.prometheusPort(), metrics);
        services.add(prometheus);
        prometheusUrl = prometheus.url();
      }
      demoUrl = "http://" + edgeConfig.host() + ":" + edge.port() + "/demo/index.html";
      edgeAccess = edgeConfig.access().isOpen()
          ? "OPEN (dev stack default): whoever reaches " + edgeConfig.host() + ":" + edge.port()
              + " may follow any extension; EDGE_ACCESS=tokens with EDGE_TOKEN_SECRET or EDGE_TOKEN_JWKS closes it"
          : "subscription tokens required (EDGE_ACCESS=tokens)";
      if (config.sampleFeed()) {
        SampleDialerFeed feed = new SampleDialerFeed(dialer.zmqEndpoint());
        feed.start();
        services.add(feed);
        log.info("[4/4] sample workstation feed calling extensions {}", SampleDialerFeed.EXTENSIONS);
      }
    }

    void printSummary(Path logFile) {
      StringBuilder text = new StringBuilder("\n=== call-events dev stack is up ===\n")
          .append("  Kafka bootstrap servers : ").append(infra.bootstrapServers()).append('\n')
          .append("  Schema registry (Confluent API) : ").append(infra.registryUrl()).append('\n')
          .append("  Topics:\n");
      for (TopicSpec<?, ?> t : Topics.ALL) {
        text.append(String.format("    %-26s %s%n", t.name(), t.description()));
      }
      text.append("  Dialer 0MQ intake : ").append(dialerEndpoint).append('\n')
          .append("  Demo page : ").append(demoUrl).append('\n')
          .append("  Edge access : ").append(edgeAccess).append('\n')
          .append("  Metrics (Prometheus text):\n");
      metrics.forEach((service, address) -> text.append(String.format("    %-14s http://%s/metrics%n", service, address)));
      text.append("  Prometheus : ").append(prometheusUrl.isEmpty()
              ? "not started (bin/run --prometheus runs Debian's prometheus with ops/prometheus's config and alert rules)"
              : prometheusUrl + " (config and alert rules from ops/prometheus; Alerts tab)").append('\n')
          .append("  Logs: ").append(logFile).append(" (every service, library warnings included); broker ")
          .append(infra.kafka().dataDir().resolve("broker.log")).append('\n')
          .append("Press Ctrl-C to stop.\n");
      System.out.println(text);
    }

    @Override
    public void close() {
      for (int i = services.size() - 1; i >= 0; i--) {
        try {
          services.get(i).close();
        } catch (Exception e) {
          log.warn("error while stopping a service: {}", e.toString());
        }
      }
      infra.close();
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
