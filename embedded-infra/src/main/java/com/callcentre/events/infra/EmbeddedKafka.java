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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka cluster in KRaft mode, run from the Kafka artifacts on the class path, each node a
 * child JVM on loopback acting as broker and controller. One node by default (the dev stack, the
 * tests); three for the fault tests, where every topic then has three replicas and two must be in
 * sync for a write to be acknowledged, as in production.
 *
 * <p>The data directory survives restarts: start again on the same directory and ports and the
 * topics and records are still there. {@link #kill()} is a SIGKILL, for crash tests.
 */
public final class EmbeddedKafka implements AutoCloseable {
  /**
   * @param dataDir        where logs and the broker's log file live
   * @param port           client listener port of the first node, 0 for a free one
   * @param controllerPort controller listener port of the first node, 0 for a free one
   * @param heap           maximum heap of each node's JVM, e.g. "512m"
   * @param nodes          1, or 3 and more for a replicated cluster (further nodes take free ports)
   * @param tuning         server properties set after the node's own, e.g. {@code num.io.threads}: for
   *                       measuring the broker's settings, not for what the node needs to run
   */
  public record Config(Path dataDir, int port, int controllerPort, String heap, int nodes, Map<String, String> tuning) {
    public Config {
      if (nodes != 1 && nodes < 3) {
        throw new IllegalArgumentException("a cluster has 1 node, or 3 and more for a quorum that survives one loss; asked " + nodes);
      }
      tuning = Map.copyOf(tuning);
    }

    public Config(Path dataDir, int port, int controllerPort, String heap, int nodes) {
      this(dataDir, port, controllerPort, heap, nodes, Map.of());
    }

    public Config(Path dataDir, int port, int controllerPort, String heap) {
      this(dataDir, port, controllerPort, heap, 1);
    }

    public static Config ephemeral(Path dataDir) {
      return new Config(dataDir, 0, 0, "512m");
    }
  }

  /** One node: its id, ports, folder and process. */
  private static final class Node {
    final int id;
    final int port;
    final int controllerPort;
    final Path dir;
    ChildJvm process;

    Node(int id, int port, int controllerPort, Path dir) {
      this.id = id;
      this.port = port;
      this.controllerPort = controllerPort;
      this.dir = dir;
    }

    String bootstrapServer() {
      return "127.0.0.1:" + port;
    }
  }

  private final Config config;
  private final List<Node> nodes = new ArrayList<>();

  private EmbeddedKafka(Config config) {
    this.config = config;
    Path dataDir = config.dataDir().toAbsolutePath();
    for (int id = 1; id <= config.nodes(); id++) {
      // A single node keeps the folder layout data directories of earlier versions have.
      Path dir = config.nodes() == 1 ? dataDir : dataDir.resolve("node-" + id);
      nodes.add(new Node(id, FreePorts.orFree(id == 1 ? config.port() : 0),
          FreePorts.orFree(id == 1 ? config.controllerPort() : 0), dir));
    }
  }

  /** Starts every node and returns once each answers admin requests. */
  public static EmbeddedKafka start(Config config) {
    EmbeddedKafka kafka = new EmbeddedKafka(config);
    kafka.nodes.forEach(kafka::launch);
    kafka.nodes.forEach(kafka::awaitAnswering);
    return kafka;
  }

  public String bootstrapServers() {
    return String.join(",", nodes.stream().map(Node::bootstrapServer).toList());
  }

  public Path dataDir() {
    return config.dataDir();
  }

  /** The first node's process id. */
  public long pid() {
    return nodes.get(0).process.pid();
  }

  /** The first node's collector log: one line per pause, stamped with the JVM's uptime. */
  public Path gcLog() {
    return gcLog(nodes.get(0));
  }

  private static Path gcLog(Node n) {
    return n.dir.resolve("gc.log").toAbsolutePath();
  }

  public int nodeCount() {
    return nodes.size();
  }

  /** Client settings for this cluster. */
  public Map<String, Object> clientConfig() {
    return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
  }

  /** SIGKILL every node, as a crash would. */
  public void kill() {
    nodes.forEach(n -> n.process.kill());
  }

  /** SIGKILL node {@code id} (1-based) alone. */
  public void kill(int id) {
    node(id).process.kill();
  }

  /** Starts every node again on the same data and ports (after {@link #kill()} or {@link #close()}). */
  public void restart() {
    nodes.forEach(n -> n.process.close());
    nodes.forEach(this::launch);
    nodes.forEach(this::awaitAnswering);
  }

  /** Starts node {@code id} again on its data and ports and waits until it answers. */
  public void restart(int id) {
    Node n = node(id);
    n.process.close();
    launch(n);
    awaitAnswering(n);
  }

  @Override
  public void close() {
    nodes.stream().filter(n -> n.process != null).forEach(n -> n.process.close());
  }

  private Node node(int id) {
    if (id < 1 || id > nodes.size()) {
      throw new IllegalArgumentException("no node " + id + " in a cluster of " + nodes.size());
    }
    return nodes.get(id - 1);
  }

  private void launch(Node n) {
    Path configFile = writeServerProperties(n);
    String clusterId = clusterId(config.dataDir().toAbsolutePath());
    n.process = ChildJvm.start(nodes.size() == 1 ? "kafka-broker" : "kafka-broker-" + n.id,
        List.of("-Xmx" + config.heap(), "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=10", "-Djava.awt.headless=true",
            // Its pauses, beside the services', in a benchmark's figures (load-harness Resources).
            "-Xlog:gc:file=" + gcLog(n) + ":uptime"),
        System.getProperty("java.class.path"),
        KafkaBrokerMain.class.getName(),
        List.of(configFile.toString(), clusterId),
        n.dir.resolve("broker.log"));
  }

  private void awaitAnswering(Node n) {
    Waits.until("Kafka broker on " + n.bootstrapServer(), Duration.ofSeconds(90), n.process, () -> answersAdminRequests(n));
  }

  private static boolean answersAdminRequests(Node n) {
    // A plain connect first: an admin client against a closed port only logs warnings.
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", n.port), 1000);
    } catch (IOException notListening) {
      return false;
    }
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, n.bootstrapServer());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
    try (Admin admin = Admin.create(props)) {
      return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
    } catch (Exception notYet) {
      return false;
    }
  }

  private Path writeServerProperties(Node n) {
    int replicas = Math.min(3, nodes.size());
    String replicasText = Integer.toString(replicas);
    // One node: everything has one replica. Three: every write waits for two of three copies.
    String minInSync = Integer.toString(replicas == 1 ? 1 : 2);
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", Integer.toString(n.id));
    p.setProperty("controller.quorum.voters", String.join(",",
        nodes.stream().map(v -> v.id + "@127.0.0.1:" + v.controllerPort).toList()));
    p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + n.port + ",CONTROLLER://127.0.0.1:" + n.controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + n.port);
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("log.dirs", n.dir.resolve("kafka-logs").toString());
    p.setProperty("offsets.topic.replication.factor", replicasText);
    p.setProperty("transaction.state.log.replication.factor", replicasText);
    p.setProperty("transaction.state.log.min.isr", minInSync);
    p.setProperty("share.coordinator.state.topic.replication.factor", replicasText);
    p.setProperty("share.coordinator.state.topic.min.isr", minInSync);
    // Topics created without a replication factor (the streams-app's internal ones) get the cluster's.
    p.setProperty("default.replication.factor", replicasText);
    p.setProperty("min.insync.replicas", minInSync);
    p.setProperty("offsets.topic.num.partitions", "3");
    p.setProperty("transaction.state.log.num.partitions", "3");
    // Consumers and Streams apps join at once instead of waiting 3 s for company.
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    // Topics come from the catalogue; a typo must not silently create a new one.
    p.setProperty("auto.create.topics.enable", "false");
    p.setProperty("num.partitions", "3");
    p.setProperty("log.cleaner.dedupe.buffer.size", Long.toString(16L * 1024 * 1024));
    threadsFor(Runtime.getRuntime().availableProcessors()).forEach(p::setProperty);
    config.tuning().forEach(p::setProperty);
    Path file = n.dir.resolve("server.properties");
    try {
      Files.createDirectories(n.dir);
      try (Writer writer = Files.newBufferedWriter(file)) {
        p.store(writer, "written by EmbeddedKafka; regenerated at every start");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /**
   * Request threads sized to the machine: a request handler per core and a network thread per two.
   * Kafka's defaults (8 and 3) suit a broker with cores of its own. On a 2-core box shared with
   * the whole pipeline they were 11 threads taking turns on 2 cores: with 2 and 1, the broker's
   * threads waited 7.2–9.7 s for a core in a 29 s window of the pipeline benchmark, against
   * 8.4–11.3 s with Kafka's defaults (docs/benchmarks.md, #11 eleventh round).
   */
  static Map<String, String> threadsFor(int cores) {
    return Map.of("num.io.threads", Integer.toString(Math.max(2, cores)),
        "num.network.threads", Integer.toString(Math.max(1, cores / 2)));
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
