package com.callcentre.events.loadharness.pipeline;

import com.callcentre.events.infra.process.ChildJvm;
import com.callcentre.events.loadharness.measure.Http;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One service of the pipeline in a JVM of its own, as production runs it, configured by flags
 * exactly as its main reads them; with a GC log (for pause times) and, when asked, a Flight
 * Recorder profile in the run folder.
 */
public final class ServiceProcess implements AutoCloseable {
  private final String name;
  private final ChildJvm jvm;
  private final int opsPort;
  private final Path gcLog;

  private ServiceProcess(String name, ChildJvm jvm, int opsPort, Path gcLog) {
    this.name = name;
    this.jvm = jvm;
    this.opsPort = opsPort;
    this.gcLog = gcLog;
  }

  /**
   * @param settings the service's settings, passed as {@code --NAME=value}
   */
  static ServiceProcess start(String name, String mainClass, String heap, Map<String, String> settings,
      Map<String, String> environment, int opsPort, Path runDir, boolean profile) {
    Path gcLog = runDir.resolve(name + "-gc.log");
    // No -Xms and no pre-touch: the heap a service grows into is part of what it costs (RSS per connection).
    List<String> jvmArgs = new ArrayList<>(List.of("-Xmx" + heap, "-XX:+UseG1GC",
        "--enable-native-access=ALL-UNNAMED", "-Xlog:gc:file=" + gcLog + ":uptime"));
    if (profile) {
      jvmArgs.add("-XX:StartFlightRecording=settings=profile,filename=" + runDir.resolve(name + ".jfr"));
    }
    List<String> args = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
    ChildJvm jvm = ChildJvm.start(name, jvmArgs, System.getProperty("java.class.path"), mainClass, args, environment,
        runDir.resolve(name + ".log"));
    return new ServiceProcess(name, jvm, opsPort, gcLog);
  }

  public String name() {
    return name;
  }

  public long pid() {
    return jvm.pid();
  }

  public Path gcLog() {
    return gcLog;
  }

  public String metrics() {
    return Http.get("http://127.0.0.1:" + opsPort + "/metrics");
  }

  /** Waits for /ready, failing with the log's tail if the process exits or the time runs out. */
  public void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!Http.isOk("http://127.0.0.1:" + opsPort + "/ready")) {
      jvm.checkAlive();
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(name + " not ready within " + timeout + ":\n" + jvm.logTail(30));
      }
      Http.pause(Duration.ofMillis(200));
    }
  }

  @Override
  public void close() {
    jvm.close();
  }
}
