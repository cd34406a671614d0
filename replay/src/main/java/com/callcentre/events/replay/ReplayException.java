package com.callcentre.events.replay;

/** A failure the user can act on: printed as one line, ending the command with its exit code. */
public final class ReplayException extends RuntimeException {
  private final ExitCode exitCode;

  public ReplayException(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public ReplayException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }
}
