package com.callcentre.events.loadharness.peer;

import com.callcentre.events.infra.process.FreePorts;
import com.callcentre.events.infra.process.ProcessStats;
import com.callcentre.events.loadharness.measure.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's Pushpin (the peer), run from the installed default configuration with its own folder,
 * free ports, one route to the harness's GRIP origin, and its limits raised: connections to 50,000
 * (though its connection manager, one process, is under the same 20,000 open-file cap) and the
 * publish rate and queue far above what a run sends, so neither throttles the comparison.
 *
 * <p>Pushpin reaches origins through zurl, which Debian runs as a system service of its own
 * (sockets in /var/run/zurl, loopback origins denied, 2,000 open requests). The peer gets a zurl
 * of its own instead, from Debian's zurl.conf with its sockets beside Pushpin's, loopback allowed
 * and the limits raised. Both log warnings only, as our edges do at their default level.
 */
public final class Pushpin implements AutoCloseable {
  public static final Path DEFAULT_CONFIG = Path.of("/etc/pushpin/pushpin.conf");
  public static final Path ZURL_CONFIG = Path.of("/etc/zurl.conf");

  private final Path run;
  private final Process zurl;
  private final Process process;
  private final int httpPort;
  private final int publishPort;

  private Pushpin(Path run, Process zurl, Process process, int httpPort, int publishPort) {
    this.run = run;
    this.zurl = zurl;
    this.process = process;
    this.httpPort = httpPort;
    this.publishPort = publishPort;
  }

  public static boolean installed() {
    return Files.isReadable(DEFAULT_CONFIG) && Files.isExecutable(Path.of("/usr/bin/pushpin"))
        && Files.isReadable(ZURL_CONFIG) && Files.isExecutable(Path.of("/usr/bin/zurl"));
  }

  public static Pushpin start(Path dir, int originPort) {
    try {
      // Sockets in a short folder of their own: a Unix socket's path has at most 107 bytes.
      Path run = Files.createTempDirectory("pushpin-");
      Files.createDirectories(dir.resolve("log"));
      int http = FreePorts.pick();
      int publish = FreePorts.pick();
      Files.writeString(dir.resolve("routes"), "* 127.0.0.1:" + originPort + "\n");
      Path zurlConf = dir.resolve("zurl.conf");
      Files.writeString(zurlConf, configure(Files.readString(ZURL_CONFIG), Map.of(
          "in_spec", "ipc://" + run.resolve("zurl-in"),
          "in_stream_spec", "ipc://" + run.resolve("zurl-in-stream"),
          "out_spec", "ipc://" + run.resolve("zurl-out"),
          "in_req_spec", "",
          "deny", "",
          "max_open_requests", "100000",
          "in_hwm", "100000",
          "out_hwm", "100000")));
      String conf = configure(Files.readString(DEFAULT_CONFIG), Map.ofEntries(
          Map.entry("rundir", run.toString()),
          Map.entry("logdir", dir.resolve("log").toString()),
          Map.entry("log_level", "1"),
          Map.entry("services", "condure,pushpin-proxy,pushpin-handler"),
          Map.entry("http_port", Integer.toString(http)),
          Map.entry("client_maxconn", "50000"),
          Map.entry("routesfile", dir.resolve("routes").toString()),
          Map.entry("push_in_spec", "tcp://127.0.0.1:" + FreePorts.pick()),
          Map.entry("push_in_sub_specs", "tcp://127.0.0.1:" + FreePorts.pick()),
          Map.entry("push_in_http_port", Integer.toString(publish)),
          Map.entry("push_in_http_max_body_size", "50000000"),
          Map.entry("command_spec", "tcp://127.0.0.1:" + FreePorts.pick()),
          Map.entry("message_rate", "1000000"),
          Map.entry("message_hwm", "1000000")));
      conf = conf.replaceFirst("(?m)^\\[proxy\\]$", "[proxy]\nzurl_out_specs=ipc://" + run.resolve("zurl-in")
          + "\nzurl_out_stream_specs=ipc://" + run.resolve("zurl-in-stream")
          + "\nzurl_in_specs=ipc://" + run.resolve("zurl-out"));
      Path file = dir.resolve("pushpin.conf");
      Files.writeString(file, conf);
      Process zurl = new ProcessBuilder("zurl", "--config=" + zurlConf, "--loglevel=1")
          .redirectErrorStream(true).redirectOutput(dir.resolve("zurl.out").toFile()).start();
      Process p = new ProcessBuilder("pushpin", "--config=" + file, "--merge-output", "--loglevel=1")
          .redirectErrorStream(true).redirectOutput(dir.resolve("pushpin.out").toFile()).start();
      Pushpin pushpin = new Pushpin(run, zurl, p, http, publish);
      // Not a child JVM that ends with the harness: stop it even if the harness is killed.
      Runtime.getRuntime().addShutdownHook(new Thread(pushpin::close, "pushpin-stop"));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!(accepting(publish) && accepting(http))) {
        if (!p.isAlive() || !zurl.isAlive() || System.nanoTime() > deadline) {
          pushpin.close();
          throw new IllegalStateException("pushpin did not start; see " + dir.resolve("pushpin.out"));
        }
        Http.pause(Duration.ofMillis(200));
      }
      return pushpin;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start pushpin: " + e.getMessage(), e);
    }
  }

  private static boolean accepting(int port) {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  /** The default file with each {@code key=} line replaced; a key it lacks is an error (a different Pushpin). */
  static String configure(String defaults, Map<String, String> values) {
    String out = defaults;
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      Matcher m = Pattern.compile("(?m)^" + Pattern.quote(e.getKey()) + "=.*$").matcher(out);
      if (!m.find()) {
        missing.add(e.getKey());
        continue;
      }
      out = m.replaceFirst(Matcher.quoteReplacement(e.getKey() + "=" + e.getValue()));
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("this Pushpin's " + DEFAULT_CONFIG + " has no " + missing);
    }
    return out;
  }

  public int httpPort() {
    return httpPort;
  }

  public String publishUrl() {
    return "http://127.0.0.1:" + publishPort + "/publish/";
  }

  /** The launcher, every process it runs, and its zurl. */
  public ProcessStats stats() {
    return ProcessStats.ofTree(process.pid()).plus(ProcessStats.of(zurl.pid()));
  }

  @Override
  public void close() {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    process.destroy();
    try {
      if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    all.forEach(ProcessHandle::destroyForcibly); // leave nothing behind
    zurl.destroyForcibly();
    try (var files = Files.walk(run)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder of sockets; the OS clears /tmp
    }
  }
}
