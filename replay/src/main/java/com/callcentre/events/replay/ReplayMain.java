package com.callcentre.events.replay;

import com.callcentre.events.replay.call.CallCommand;
import com.callcentre.events.replay.drive.DriveCommand;
import com.callcentre.events.replay.events.EventsCommand;
import com.callcentre.events.replay.reparse.ReparseCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/replay}: what the retained topics say happened, for the engineer asking why a screen did not pop. */
@Command(name = "bin/replay", mixinStandardHelpOptions = true,
    subcommands = {EventsCommand.class, CallCommand.class, ReparseCommand.class, DriveCommand.class,
        CommandLine.HelpCommand.class},
    description = "Reads the retained call-event topics through the schema registry: events of a time range, the story "
        + "of one call, re-parse of raw switch buffers, re-drive into sandbox topics. Each subcommand has --help.",
    footerHeading = "%nExit codes:%n", footer = "%s")
public final class ReplayMain implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: events, call, reparse or drive");
  }

  /** The command line with this tool's error handling: one clear line and a distinct exit code per failure. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new ReplayMain());
    cl.getCommandSpec().usageMessage().footer(ExitCode.describeAll());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler((e, line, parsed) -> {
      PrintWriter err = line.getErr();
      if (e instanceof ReplayException r) {
        err.println("replay: " + r.getMessage());
        err.flush();
        return r.exitCode().code();
      }
      err.println("replay: failed: " + e);
      err.flush();
      return ExitCode.FAILED.code();
    });
    return cl;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
