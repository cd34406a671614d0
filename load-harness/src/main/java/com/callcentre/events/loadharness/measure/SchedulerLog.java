package com.callcentre.events.loadharness.measure;

import io.vertx.core.json.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Once a wall-clock second, each process's time on a core and time waiting for one
 * ({@link RunQueue}), and the box's CPU pressure, as one JSON line per second in the run's folder:
 * so a second in which events stalled can be matched with who ran and who waited in it
 * ({@code bin/bench timeline}). Reading a few hundred small /proc files a second costs about 5 ms of
 * CPU a second, which each line records ({@code sampler_cpu_ms}).
 */
public final class SchedulerLog implements AutoCloseable {
  public static final String FILE = "scheduler.jsonl";
  private static final ThreadMXBean OWN_THREAD = ManagementFactory.getThreadMXBean();

  /** One process in one second, in ms. */
  public record Usage(double cpuMs, double waitMs) {}

  /** One wall-clock second: the box's CPU pressure ("some", ms) and each process's usage. */
  public record Second(long epochSecond, double pressureMs, double samplerCpuMs, Map<String, Usage> processes) {}

  private final Path file;
  private final Supplier<Map<String, Long>> processes;
  private final Thread thread;
  private volatile boolean running = true;

  private SchedulerLog(Path file, Supplier<Map<String, Long>> processes) {
    this.file = file;
    this.processes = processes;
    this.thread = new Thread(this::run, "scheduler-log");
    this.thread.setDaemon(true);
  }

  /** Starts sampling {@code processes} (name to pid, asked anew each second) into {@code dir}/{@value #FILE}. */
  public static SchedulerLog start(Path dir, Supplier<Map<String, Long>> processes) {
    SchedulerLog log = new SchedulerLog(dir.resolve(FILE), processes);
    log.thread.start();
    return log;
  }

  private void run() {
    Map<String, RunQueue.Times> previous = new HashMap<>();
    long previousPressure = RunQueue.pressureMicros();
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      while (running) {
        long second = System.currentTimeMillis() / 1000; // ends at the next whole second
        if (!parkUntil((second + 1) * 1000)) {
          break;
        }
        long ownCpuAtStart = OWN_THREAD.getCurrentThreadCpuTime();
        Map<String, RunQueue.Times> current = new LinkedHashMap<>();
        processes.get().forEach((name, pid) -> current.put(name, RunQueue.of(pid)));
        long pressure = RunQueue.pressureMicros();
        JsonObject usage = new JsonObject();
        current.forEach((name, t) -> {
          RunQueue.Times before = previous.get(name);
          if (before != null && t.cpuNanos() >= before.cpuNanos()) {
            usage.put(name, new JsonObject().put("cpu_ms", ms(t.cpuNanos() - before.cpuNanos()))
                .put("wait_ms", ms(t.waitNanos() - before.waitNanos())));
          }
        });
        if (!usage.isEmpty()) {
          double pressureMs = pressure < 0 || previousPressure < 0 ? -1 : (pressure - previousPressure) / 1000.0;
          // What this sampling itself cost the box, so a reader can tell it is small.
          double ownMs = ms(OWN_THREAD.getCurrentThreadCpuTime() - ownCpuAtStart);
          out.write(new JsonObject().put("second", second).put("pressure_ms", pressureMs).put("sampler_cpu_ms", ownMs)
              .put("processes", usage).encode());
          out.newLine();
          out.flush();
        }
        previous.clear();
        previous.putAll(current);
        previousPressure = pressure;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Parks until the wall clock reaches {@code epochMs} (a park may return early); false once closed. */
  private boolean parkUntil(long epochMs) {
    for (long now = System.currentTimeMillis(); now < epochMs; now = System.currentTimeMillis()) {
      if (!running) {
        return false;
      }
      LockSupport.parkNanos((epochMs - now) * 1_000_000L);
    }
    return running;
  }

  private static double ms(long nanos) {
    return Math.round(nanos / 10_000.0) / 100.0;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }

  /** The seconds logged in {@code dir}, oldest first; none where the run kept no log. */
  public static List<Second> read(Path dir) {
    List<Second> seconds = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(dir.resolve(FILE))) {
        if (line.isBlank()) {
          continue;
        }
        JsonObject j = new JsonObject(line);
        Map<String, Usage> usage = new TreeMap<>();
        j.getJsonObject("processes").forEach(e -> {
          JsonObject u = (JsonObject) e.getValue();
          usage.put(e.getKey(), new Usage(u.getDouble("cpu_ms"), u.getDouble("wait_ms")));
        });
        seconds.add(new Second(j.getLong("second"), j.getDouble("pressure_ms"), j.getDouble("sampler_cpu_ms", 0.0), usage));
      }
    } catch (NoSuchFileException none) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve(FILE), e);
    }
    return seconds;
  }

  /**
   * Over the seconds in [fromEpochSecond, untilEpochSecond): the box's CPU pressure (total and the
   * worst second), each process's wait for a core (total and its worst second), and the sampler's
   * own CPU per second, in ms.
   */
  public static JsonObject summary(List<Second> seconds, long fromEpochSecond, long untilEpochSecond) {
    double pressureTotal = 0;
    double pressureMax = 0;
    double samplerTotal = 0;
    Map<String, double[]> waits = new TreeMap<>();
    int counted = 0;
    for (Second s : seconds) {
      if (s.epochSecond() < fromEpochSecond || s.epochSecond() >= untilEpochSecond) {
        continue;
      }
      counted++;
      pressureTotal += Math.max(0, s.pressureMs());
      pressureMax = Math.max(pressureMax, s.pressureMs());
      samplerTotal += s.samplerCpuMs();
      s.processes().forEach((name, u) -> {
        double[] w = waits.computeIfAbsent(name, n -> new double[2]);
        w[0] += u.waitMs();
        w[1] = Math.max(w[1], u.waitMs());
      });
    }
    JsonObject byProcess = new JsonObject();
    waits.forEach((name, w) -> byProcess.put(name, new JsonObject().put("wait_ms", round(w[0]))
        .put("worst_second_wait_ms", round(w[1]))));
    return new JsonObject().put("seconds", counted).put("cpu_pressure_ms", round(pressureTotal))
        .put("worst_second_cpu_pressure_ms", round(pressureMax))
        .put("sampler_cpu_ms_per_second", counted == 0 ? 0.0 : round(samplerTotal / counted))
        .put("run_queue_wait_by_process", byProcess);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
