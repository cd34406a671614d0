package com.callcentre.events.runtime.lifecycle;

import com.callcentre.events.runtime.config.Env;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of every service's {@code main}: parse the typed config once (a bad value ends the
 * process with exit code 2 and a message naming it), start the service, and stop it cleanly on
 * SIGTERM or Ctrl-C.
 */
public final class ServiceRunner {
  private static final Logger log = LoggerFactory.getLogger(ServiceRunner.class);

  private ServiceRunner() {}

  /** Starts a service from its config; may throw anything, which ends the process. */
  @FunctionalInterface
  public interface Starter<C> {
    AutoCloseable start(C config) throws Exception;
  }

  public static <C> void run(String name, String[] args, Function<Env, C> parse, Starter<C> starter) throws Exception {
    C config;
    try {
      config = parse.apply(Env.fromProcess(args));
    } catch (IllegalArgumentException e) {
      System.err.println(name + ": " + e.getMessage());
      System.exit(2);
      return;
    }
    AutoCloseable service = starter.start(config);
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
