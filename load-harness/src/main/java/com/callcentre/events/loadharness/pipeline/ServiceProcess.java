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
  private final Launch launch;
  private final int opsPort;
  private final Path gcLog;
  private ChildJvm jvm;

  /** How the JVM is started, kept so a killed service can be started again exactly as before. */
  private record Launch(List<String> jvmArgs, String mainClass, List<String> args, Map<String, String> environment,
      Path logFile) {
    ChildJvm start(String name) {
      return ChildJvm.start(name, jvmArgs, System.getProperty("java.class.path"), mainClass, args, environment, logFile);
    }
  }

  private ServiceProcess(String name, Launch launch, int opsPort, Path gcLog) {
    this.name = name;
    this.launch = launch;
    this.opsPort = opsPort;
    this.gcLog = gcLog;
    this.jvm = launch.start(name);
  }

  /**
   * The JVM options of a service: its heap, G1 unless {@code extra} picks another collector, then
   * {@code extra}. No -Xms and no pre-touch: the heap a service grows into is part of what it costs
   * (RSS per connection).
   */
  static List<String> jvm(String heap, List<String> extra) {
    List<String> options = new ArrayList<>(List.of("-Xmx" + heap));
    if (extra.stream().noneMatch(o -> o.matches("-XX:\\+Use[A-Za-z]+GC"))) {
      options.add("-XX:+UseG1GC");
    }
    options.addAll(extra);
    return options;
  }

  static List<String> jvm(String heap) {
    return jvm(heap, List.of());
  }

  /**
   * @param jvmOptions from {@link #jvm}
   * @param settings   the service's settings, passed as {@code --NAME=value}
   */
  static ServiceProcess start(String name, String mainClass, List<String> jvmOptions, Map<String, String> settings,
      Map<String, String> environment, int opsPort, Path runDir, boolean profile) {
    Path gcLog = runDir.resolve(name + "-gc.log");
    List<String> jvmArgs = new ArrayList<>(jvmOptions);
    jvmArgs.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-Xlog:gc:file=" + gcLog + ":uptime"));
    if (profile) {
      jvmArgs.add("-XX:StartFlightRecording=settings=profile,filename=" + runDir.resolve(name + ".jfr"));
    }
    List<String> args = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
    return new ServiceProcess(name, new Launch(jvmArgs, mainClass, args, environment, runDir.resolve(name + ".log")),
        opsPort, gcLog);
  }

  /** SIGKILL, as a crash: no shutdown hook runs, nothing is flushed or committed. */
  public void kill() {
    jvm.kill();
  }

  /** SIGSTOP: the process is frozen where it is, its connections open; {@link #resume()} thaws it. */
  public void pause() {
    Signals.send("STOP", jvm.pid());
  }

  public void resume() {
    Signals.send("CONT", jvm.pid());
  }

  /** Starts the service again with the same settings, ports and log (after {@link #kill()}), and waits for /ready. */
  public void restart(Duration readyWithin) {
    jvm.close();
    jvm = launch.start(name);
    awaitReady(readyWithin);
  }

  public boolean isReady() {
    return Http.isOk("http://127.0.0.1:" + opsPort + "/ready");
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
    while (!isReady()) {
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
