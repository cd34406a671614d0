package com.callcentre.events.infra;

import com.callcentre.events.infra.internal.ApicurioDistribution;
import com.callcentre.events.infra.process.ChildJvm;
import com.callcentre.events.infra.process.FreePorts;
import com.callcentre.events.infra.internal.Waits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Apicurio Registry 3 server in a child JVM on loopback, speaking the Confluent Schema
 * Registry API at {@link #confluentApiUrl()}. Its HTTP and management interfaces bind to
 * 127.0.0.1 only.
 *
 * <p>Storage is in memory unless a data directory is given, in which case schemas (and so the ids
 * that records on the topics refer to) survive restarts in an H2 file database.
 */
public final class EmbeddedRegistry implements AutoCloseable {
  /**
   * @param workDir        where the log file (and, if persistent, the database) lives
   * @param port           HTTP port, 0 for a free one
   * @param persistent     keep schemas in {@code workDir} across restarts
   * @param heap           maximum heap of the registry JVM
   */
  public record Config(Path workDir, int port, boolean persistent, String heap) {
    public static Config ephemeral(Path workDir) {
      return new Config(workDir, 0, false, "384m");
    }
  }

  private final Config config;
  private final int port;
  private final int managementPort;
  private ChildJvm process;

  private EmbeddedRegistry(Config config) {
    this.config = config;
    this.port = FreePorts.orFree(config.port());
    this.managementPort = FreePorts.pick();
  }

  public static EmbeddedRegistry start(Config config) {
    EmbeddedRegistry registry = new EmbeddedRegistry(config);
    registry.startProcess();
    return registry;
  }

  /** Root of the Confluent-compatible API, the value for {@code schema.registry.url}. */
  public String confluentApiUrl() {
    return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
    }
  }

  private void startProcess() {
    Path home = ApicurioDistribution.home();
    Path workDir = config.workDir().toAbsolutePath();
    List<String> jvm = new ArrayList<>(List.of(
        "-Xmx" + config.heap(),
        "-XX:+UseSerialGC",
        "-Dquarkus.http.host=127.0.0.1",
        "-Dquarkus.http.port=" + port,
        "-Dquarkus.management.host=127.0.0.1",
        "-Dquarkus.management.port=" + managementPort,
        "-Dquarkus.http.access-log.enabled=false",
        // A handful of connections is plenty for one test JVM or a dev stack.
        "-Dapicurio.datasource.jdbc.initial-size=2",
        "-Dapicurio.datasource.jdbc.min-size=2",
        "-Dapicurio.datasource.jdbc.max-size=10",
        "-Dapicurio.storage.snapshot.location=" + workDir,
        "-Dapicurio.import.work-dir=" + workDir));
    if (config.persistent()) {
      jvm.add("-Dapicurio.datasource.url=jdbc:h2:file:" + workDir.resolve("registry-db").resolve("registry"));
    }
    process = ChildJvm.start("schema-registry", jvm,
        home.resolve("quarkus-run.jar").toString(),
        "io.quarkus.bootstrap.runner.QuarkusEntryPoint",
        List.of(),
        workDir.resolve("registry.log"));
    Waits.until("schema registry on port " + port, Duration.ofSeconds(120), process, this::answers);
  }

  private boolean answers() {
    try {
      HttpResponse<Void> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(confluentApiUrl() + "/subjects")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (Exception notYet) {
      return false;
    }
  }
}
