package com.callcentre.events.infra.process;

import com.callcentre.events.infra.internal.ParentWatchingMain;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Java child process started through {@link ParentWatchingMain}, with its output in a log file.
 * {@link #close()} asks it to stop (SIGTERM) and waits; {@link #kill()} is SIGKILL, for crash tests.
 */
public final class ChildJvm implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChildJvm.class);
  private static final java.util.Optional<String> SETSID = java.util.stream.Stream.of("/usr/bin/setsid", "/bin/setsid")
      .filter(p -> Files.isExecutable(Path.of(p))).findFirst();

  private final String name;
  private final Process process;
  private final OutputStream parentPipe;
  private final Path logFile;

  /*
   * No shutdown hook of its own: the owner stops its children in the order it needs (services
   * before the broker they use). If the owner never does, the child still exits by itself when
   * this JVM ends, because its stdin pipe closes (see ParentWatchingMain).
   */
  private ChildJvm(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.parentPipe = process.getOutputStream();
    this.logFile = logFile;
  }

  /**
   * Starts {@code mainClass} in a new JVM of the running Java installation.
   *
   * @param classPath class path of the child; this module's classes are added in front
   */
  public static ChildJvm start(String name, List<String> jvmArgs, String classPath, String mainClass,
      List<String> args, Path logFile) {
    return start(name, jvmArgs, classPath, mainClass, args, java.util.Map.of(), logFile);
  }

  /** As above, with {@code environment} added to (or replacing entries of) this process's environment. */
  public static ChildJvm start(String name, List<String> jvmArgs, String classPath, String mainClass,
      List<String> args, java.util.Map<String, String> environment, Path logFile) {
    List<String> command = new ArrayList<>();
    if (SETSID.isPresent()) {
      // Its own session: a Ctrl-C (SIGINT to the terminal's process group) or a group-wide
      // SIGTERM reaches only the owner, which then stops its children in the right order.
      command.add(SETSID.get());
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(ownLocation() + java.io.File.pathSeparator + classPath);
    command.add(ParentWatchingMain.class.getName());
    command.add(mainClass);
    command.addAll(args);
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().putAll(environment);
      Process process = builder
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
          .start();
      log.info("started {} (pid {}), log {}", name, process.pid(), logFile);
      return new ChildJvm(name, process, logFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path logFile() {
    return logFile;
  }

  /** Fails with the tail of the child's log if it has exited. */
  public void checkAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; last log lines:\n" + logTail(40));
    }
  }

  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(logFile);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /** SIGKILL, no shutdown hooks: what a crash looks like to everything else. */
  public void kill() {
    process.destroyForcibly();
    waitFor(10);
  }

  @Override
  public void close() {
    stop();
  }

  private void stop() {
    if (!process.isAlive()) {
      return;
    }
    try {
      parentPipe.close();
    } catch (IOException ignored) {
      // the child may already be gone
    }
    process.destroy();
    if (!waitFor(30)) {
      log.warn("{} did not stop within 30 s; killing it", name);
      process.destroyForcibly();
      waitFor(10);
    }
  }

  private boolean waitFor(int seconds) {
    try {
      return process.waitFor(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String ownLocation() {
    try {
      return Path.of(ParentWatchingMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (Exception e) {
      throw new IllegalStateException("cannot locate the embedded-infra classes", e);
    }
  }
}
