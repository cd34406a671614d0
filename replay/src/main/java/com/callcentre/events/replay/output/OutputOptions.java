package com.callcentre.events.replay.output;

import picocli.CommandLine.Option;

/** {@code --format} and its shorthand {@code --json}, as every printing subcommand takes them. */
public final class OutputOptions {
  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table (aligned, default), json (one object per line, every field) or csv")
  Format format;

  @Option(names = "--json", description = "the same as --format json")
  boolean json;

  public Format format() {
    return json ? Format.JSON : format;
  }
}
