package com.callcentre.events.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Debian's Prometheus against the dev stack ({@code bin/run --prometheus}): the repository's
 * prometheus.yml and alerts.yml, copied into the data folder beside a targets file naming the
 * services' real addresses, so the same config and rules the containers use run here.
 */
final class LocalPrometheus implements AutoCloseable {
  static final String BINARY = "prometheus";

  private final Process process;
  private final String url;

  private LocalPrometheus(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  /** Whether Debian's prometheus is on the PATH. */
  static boolean installed() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, BINARY))) {
        return true;
      }
    }
    return false;
  }

  /** {@code targets}: service name to host:port of its /metrics. */
  static LocalPrometheus start(Path opsDir, Path dataDir, String host, int port, Map<String, String> targets) {
    Path config = dataDir.resolve("config");
    try {
      Files.createDirectories(config.resolve("targets"));
      for (String file : new String[] {"prometheus.yml", "alerts.yml"}) {
        Files.copy(opsDir.resolve(file), config.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      }
      Files.writeString(config.resolve("targets").resolve("dev-stack.yml"), targets.entrySet().stream()
          .map(t -> "- targets: [\"" + t.getValue() + "\"]\n  labels: {service: " + t.getKey() + "}\n")
          .collect(Collectors.joining("", "# Written by bin/run: the dev stack's services.\n", "")));
      Process process = new ProcessBuilder(BINARY,
          "--config.file=" + config.resolve("prometheus.yml"),
          "--storage.tsdb.path=" + dataDir.resolve("tsdb"),
          "--web.listen-address=" + host + ":" + port)
          .redirectErrorStream(true)
          .redirectOutput(dataDir.resolve("prometheus.log").toFile())
          .start();
      return new LocalPrometheus(process, "http://" + host + ":" + port + "/");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Prometheus: " + e.getMessage(), e);
    }
  }

  String url() {
    return url;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
