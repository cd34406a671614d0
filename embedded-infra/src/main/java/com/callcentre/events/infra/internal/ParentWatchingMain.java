package com.callcentre.events.infra.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * Entry point of every child JVM: runs the real main class given as the first argument, and exits
 * the JVM (running its shutdown hooks, so the broker or registry stops cleanly) as soon as its
 * standard input closes. The parent holds that pipe open; when the parent dies for any reason,
 * even SIGKILL, the pipe closes and the child follows, so no stray process outlives a build.
 */
public final class ParentWatchingMain {
  private ParentWatchingMain() {}

  public static void main(String[] args) throws Throwable {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: ParentWatchingMain <main class> [args...]");
    }
    Thread watcher = new Thread(ParentWatchingMain::exitWhenStdinCloses, "parent-watch");
    watcher.setDaemon(true);
    watcher.start();
    try {
      Class.forName(args[0])
          .getMethod("main", String[].class)
          .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void exitWhenStdinCloses() {
    try (InputStream in = System.in) {
      byte[] buffer = new byte[64];
      while (in.read(buffer) >= 0) {
        // the parent never writes; anything read is ignored
      }
    } catch (IOException e) {
      // a broken pipe means the same as end of input
    }
    Thread halt = new Thread(() -> {
      sleepQuietly(30_000);
      Runtime.getRuntime().halt(2); // shutdown hooks hung
    }, "parent-watch-halt");
    halt.setDaemon(true);
    halt.start();
    System.exit(0);
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
