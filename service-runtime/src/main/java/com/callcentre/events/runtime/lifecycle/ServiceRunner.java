package com.callcentre.events.runtime.lifecycle;

import com.callcentre.events.runtime.config.Env;
import com.callcentre.events.runtime.config.Settings;
import com.callcentre.events.runtime.logging.ConsoleEncoder;
import com.callcentre.events.runtime.logging.LogFormat;
import com.callcentre.events.runtime.config.Setting;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of every service's {@code main}: parse the typed config once, start the service, and
 * stop it cleanly on SIGTERM or Ctrl-C. Exit codes: 0 after {@code --help}, {@value #EXIT_BAD_CONFIG}
 * for a setting the service cannot start with (the message names it and what it accepts),
 * {@value #EXIT_START_FAILED} when the service failed to start.
 */
public final class ServiceRunner {
  private static final Logger log = LoggerFactory.getLogger(ServiceRunner.class);
  public static final int EXIT_BAD_CONFIG = 2;
  public static final int EXIT_START_FAILED = 1;

  private ServiceRunner() {}

  /** Starts a service from its config; may throw anything, which ends the process. */
  @FunctionalInterface
  public interface Starter<C> {
    AutoCloseable start(C config) throws Exception;
  }

  /** What the command line and environment amount to, before anything starts. */
  public sealed interface Startup<C> {
    record Run<C>(C config) implements Startup<C> {}

    record Help<C>(String text) implements Startup<C> {}

    record Refused<C>(String message) implements Startup<C> {}
  }

  /** Reads the configuration: a config to run with, the help text, or why it cannot start. */
  public static <C> Startup<C> configure(String name, String[] args, Map<String, String> variables,
      List<Setting<?>> settings, Function<Env, C> parse) {
    List<Setting<?>> all = Settings.join(settings, List.of(LogFormat.SETTING));
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      return new Startup.Help<>(Settings.help("usage: " + name + " [--NAME=value ...]", all));
    }
    try {
      Env env = Env.fromArgs(args, variables, all);
      ConsoleEncoder.use(env.get(LogFormat.SETTING));
      return new Startup.Run<>(parse.apply(env));
    } catch (IllegalArgumentException e) {
      return new Startup.Refused<>(name + ": " + e.getMessage());
    }
  }

  public static <C> void run(String name, String[] args, List<Setting<?>> settings, Function<Env, C> parse,
      Starter<C> starter) throws Exception {
    C config = switch (configure(name, args, System.getenv(), settings, parse)) {
      case Startup.Help<C> help -> {
        System.out.println(help.text());
        System.exit(0);
        yield null;
      }
      case Startup.Refused<C> refused -> {
        System.err.println(refused.message());
        System.exit(EXIT_BAD_CONFIG);
        yield null;
      }
      case Startup.Run<C> run -> run.config();
    };
    AutoCloseable service;
    try {
      service = starter.start(config);
    } catch (Exception e) {
      log.error("{} failed to start: {}", name, e.toString(), e);
      System.exit(EXIT_START_FAILED);
      return;
    }
    log.info("{} started", name);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        service.close();
      } catch (Exception e) {
        log.warn("{} did not stop cleanly: {}", name, e.toString());
      }
      stopped.countDown();
    }, name + "-shutdown"));
    stopped.await();
  }
}
