package com.callcentre.events.loadharness.pipeline;

import java.io.IOException;

/** Unix signals to a process, by the shell's own {@code kill} (no procps package needed on a fresh machine). */
public final class Signals {
  private Signals() {}

  /** Sends {@code SIG<name>} (STOP, CONT, ...) to {@code pid}; fails if the shell's kill does. */
  public static void send(String name, long pid) {
    try {
      int rc = new ProcessBuilder("sh", "-c", "kill -" + name + " " + pid).inheritIO().start().waitFor();
      if (rc != 0) {
        throw new IllegalStateException("kill -" + name + " " + pid + " exited with " + rc);
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not run kill -" + name + " " + pid, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted sending SIG" + name + " to " + pid, e);
    }
  }
}
