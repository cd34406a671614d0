package com.callcentre.events.devstack;

import com.callcentre.events.infra.EmbeddedKafka;
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
import org.apache.kafka.clients.admin.Admin;
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
    DevStackConfig config;
    try {
      config = DevStackConfig.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    if (config.wipe()) {
      log.info("wiping {}", config.dataDir().toAbsolutePath());
      deleteRecursively(config.dataDir());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    DevStack stack = DevStack.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("stopping the dev stack");
      stack.close();
      stopped.countDown();
    }, "dev-stack-shutdown"));
    stack.printSummary();
    stopped.await();
  }

  /** What the launcher started, stopped in reverse order. */
  static final class DevStack implements AutoCloseable {
    private final LocalInfra infra;

    private DevStack(LocalInfra infra) {
      this.infra = infra;
    }

    static DevStack start(DevStackConfig config) throws InterruptedException {
      Path data = config.dataDir().toAbsolutePath();
      log.info("[1/2] starting Kafka (KRaft) on 127.0.0.1:{} and the schema registry on 127.0.0.1:{}, data in {}",
          config.kafkaPort(), config.registryPort(), data);
      LocalInfra infra = LocalInfra.start(
          new EmbeddedKafka.Config(data.resolve("kafka"), config.kafkaPort(), config.controllerPort(), "768m"),
          new EmbeddedRegistry.Config(data.resolve("registry"), config.registryPort(), true, "384m"));
      try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", infra.bootstrapServers()))) {
        TopicSettings settings = new TopicSettings(config.partitions(), (short) 1, Duration.ofDays(7));
        List<String> created = TopicProvisioner.ensureTopics(admin, settings, Topics.ALL);
        log.info("[2/2] topics ready ({} created, {} already there)", created.size(), Topics.ALL.size() - created.size());
      } catch (RuntimeException | InterruptedException e) {
        infra.close();
        throw e;
      }
      return new DevStack(infra);
    }

    void printSummary() {
      StringBuilder text = new StringBuilder("\n=== call-events dev stack is up ===\n")
          .append("  Kafka bootstrap servers : ").append(infra.bootstrapServers()).append('\n')
          .append("  Schema registry (Confluent API) : ").append(infra.registryUrl()).append('\n')
          .append("  Topics:\n");
      for (TopicSpec<?, ?> t : Topics.ALL) {
        text.append(String.format("    %-26s %s%n", t.name(), t.description()));
      }
      text.append("  Logs: ").append(infra.kafka().dataDir().resolve("broker.log")).append('\n')
          .append("Press Ctrl-C to stop.\n");
      System.out.println(text);
    }

    @Override
    public void close() {
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
