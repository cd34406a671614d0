package com.callcentre.events.loadharness;

import com.callcentre.events.loadharness.report.BenchmarksDoc;
import com.callcentre.events.loadharness.report.Console;
import com.callcentre.events.loadharness.report.PercentilePlot;
import com.callcentre.events.loadharness.scenario.Outcome;
import com.callcentre.events.loadharness.scenario.Scenario;
import com.callcentre.events.runtime.config.ConfigException;
import com.callcentre.events.runtime.config.Settings;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code bin/bench SCENARIO [key=value ...]}: runs one scenario, prints its figures, writes
 * {@code target/bench/SCENARIO.json} and {@code SCENARIO.png}, and appends a row to
 * {@code docs/benchmarks.md}. Every process it starts is stopped before it exits.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) {
    if (args.length > 0 && (args[0].equals("help") || args[0].equals("--help"))) {
      System.out.println(Settings.help("bin/bench " + String.join("|", BenchConfig.SCENARIOS) + " [key=value ...]",
          BenchConfig.SETTINGS));
      System.exit(0);
    }
    BenchConfig config;
    try {
      config = BenchConfig.parse(args);
    } catch (ConfigException e) {
      System.err.println("bin/bench: " + e.getMessage() + " (bin/bench help lists the keys)");
      System.exit(2);
      return;
    }
    int code;
    try {
      run(config, "bin/bench " + String.join(" ", args));
      code = 0;
    } catch (Exception e) {
      System.err.println("bin/bench " + config.scenario() + " failed: " + e);
      e.printStackTrace();
      code = 1;
    }
    System.exit(code); // the clients' and origin's event loops are not daemons
  }

  static void run(BenchConfig config, String command) throws Exception {
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Path out = config.out().toAbsolutePath();
    Path runDir = out.resolve("run-" + config.scenario() + "-" + started.toString().replace(":", ""));
    Files.createDirectories(runDir);
    Console console = new Console();
    String machine = Machine.describe();
    console.line("%s on %s; logs, GC logs and profiles in %s", command, machine, runDir);
    Outcome outcome = Scenario.named(config.scenario()).run(config, runDir, console);
    JsonObject summary = new JsonObject().put("scenario", config.scenario()).put("command", command)
        .put("date", started.toString()).put("machine", machine).put("run_dir", runDir.toString())
        .mergeIn(outcome.summary());
    Path json = out.resolve(config.scenario() + ".json");
    Files.writeString(json, summary.encodePrettily());
    Path png = out.resolve(config.scenario() + ".png");
    PercentilePlot.write(png, command, outcome.plotted());
    console.line("summary: %s; %s", String.join("; ", outcome.highlights()), json);
    if (!outcome.plotted().isEmpty()) {
      console.line("plot: %s", png);
    }
    if (config.record()) {
      BenchmarksDoc.append(Path.of("docs/benchmarks.md"), started.toString(), machine, command, outcome.highlights(),
          "target/bench/" + config.scenario() + ".json");
      console.line("row appended to docs/benchmarks.md");
    }
  }
}
