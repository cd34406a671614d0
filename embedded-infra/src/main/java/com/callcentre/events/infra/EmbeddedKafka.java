package com.callcentre.events.infra;

import com.callcentre.events.infra.process.ChildJvm;
import com.callcentre.events.infra.process.FreePorts;
import com.callcentre.events.infra.internal.KafkaBrokerMain;
import com.callcentre.events.infra.internal.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka cluster in KRaft mode (one process acting as broker and controller),
 * run from the Kafka artifacts on the class path in a child JVM on loopback.
 *
 * <p>The data directory survives restarts: start again on the same directory and ports and the
 * topics and records are still there. {@link #kill()} is a SIGKILL, for crash tests.
 */
public final class EmbeddedKafka implements AutoCloseable {
  /**
   * @param dataDir        where logs and the broker's log file live
   * @param port           client listener port, 0 for a free one
   * @param controllerPort controller listener port, 0 for a free one
   * @param heap           maximum heap of the broker JVM, e.g. "512m"
   */
  public record Config(Path dataDir, int port, int controllerPort, String heap) {
    public static Config ephemeral(Path dataDir) {
      return new Config(dataDir, 0, 0, "512m");
    }
  }

  private final Config config;
  private final int port;
  private final int controllerPort;
  private ChildJvm process;

  private EmbeddedKafka(Config config) {
    this.config = config;
    this.port = FreePorts.orFree(config.port());
    this.controllerPort = FreePorts.orFree(config.controllerPort());
  }

  /** Starts the broker and returns once it answers admin requests. */
  public static EmbeddedKafka start(Config config) {
    EmbeddedKafka kafka = new EmbeddedKafka(config);
    kafka.startProcess();
    return kafka;
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public Path dataDir() {
    return config.dataDir();
  }

  public long pid() {
    return process.pid();
  }

  /** Client settings for this broker. */
  public Map<String, Object> clientConfig() {
    return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
  }

  /** SIGKILL the broker, as a crash would. */
  public void kill() {
    process.kill();
  }

  /** Starts the broker again on the same data and ports (after {@link #kill()} or {@link #close()}). */
  public void restart() {
    process.close();
    startProcess();
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
    }
  }

  private void startProcess() {
    Path dataDir = config.dataDir().toAbsolutePath();
    Path configFile = writeServerProperties(dataDir);
    String clusterId = clusterId(dataDir);
    process = ChildJvm.start("kafka-broker",
        List.of("-Xmx" + config.heap(), "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=10", "-Djava.awt.headless=true"),
        System.getProperty("java.class.path"),
        KafkaBrokerMain.class.getName(),
        List.of(configFile.toString(), clusterId),
        dataDir.resolve("broker.log"));
    Waits.until("Kafka broker on " + bootstrapServers(), Duration.ofSeconds(90), process, this::answersAdminRequests);
  }

  private boolean answersAdminRequests() {
    // A plain connect first: an admin client against a closed port only logs warnings.
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
    } catch (IOException notListening) {
      return false;
    }
    Properties props = new Properties();
    props.putAll(clientConfig());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
    try (Admin admin = Admin.create(props)) {
      return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
    } catch (Exception notYet) {
      return false;
    }
  }

  private Path writeServerProperties(Path dataDir) {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("log.dirs", dataDir.resolve("kafka-logs").toString());
    // A single node: every internal topic has one replica.
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("offsets.topic.num.partitions", "3");
    p.setProperty("transaction.state.log.num.partitions", "3");
    // Consumers and Streams apps join at once instead of waiting 3 s for company.
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    // Topics come from the catalogue; a typo must not silently create a new one.
    p.setProperty("auto.create.topics.enable", "false");
    p.setProperty("num.partitions", "3");
    p.setProperty("log.cleaner.dedupe.buffer.size", Long.toString(16L * 1024 * 1024));
    Path file = dataDir.resolve("server.properties");
    try {
      Files.createDirectories(dataDir);
      try (Writer writer = Files.newBufferedWriter(file)) {
        p.store(writer, "written by EmbeddedKafka; regenerated at every start");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** The cluster id is chosen once per data directory and kept, so restarts find their data. */
  private static String clusterId(Path dataDir) {
    Path file = dataDir.resolve("cluster.id");
    try {
      if (Files.exists(file)) {
        return Files.readString(file).trim();
      }
      String id = Uuid.randomUuid().toString();
      Files.writeString(file, id);
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
