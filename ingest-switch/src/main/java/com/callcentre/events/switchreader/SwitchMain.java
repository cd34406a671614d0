package com.callcentre.events.switchreader;

import com.callcentre.events.runtime.config.Env;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;

/** Runs the switch reader on its own; configuration from the environment or {@code --NAME=value} flags. */
public final class SwitchMain {
  private SwitchMain() {}

  public static void main(String[] args) throws Exception {
    SwitchConfig config;
    try {
      config = SwitchConfig.from(Env.fromProcess(args));
    } catch (IllegalArgumentException e) {
      System.err.println("ingest-switch: " + e.getMessage());
      System.exit(2);
      return;
    }
    SwitchService service = SwitchService.start(config, Vertx.vertx(), true);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.close();
      stopped.countDown();
    }, "ingest-switch-shutdown"));
    stopped.await();
  }
}
