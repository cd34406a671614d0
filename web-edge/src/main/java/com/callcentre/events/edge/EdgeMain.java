package com.callcentre.events.edge;

import com.callcentre.events.runtime.config.Env;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one web edge; configuration from the environment or {@code --NAME=value} flags. */
public final class EdgeMain {
  private static final Logger log = LoggerFactory.getLogger(EdgeMain.class);

  private EdgeMain() {}

  public static void main(String[] args) throws InterruptedException {
    EdgeConfig config;
    try {
      config = EdgeConfig.from(Env.fromProcess(args));
    } catch (IllegalArgumentException e) {
      System.err.println("web-edge: " + e.getMessage());
      System.exit(2);
      return;
    }
    EdgeService edge = EdgeService.start(config, Vertx.vertx(), true);
    log.info("web-edge listening on http://{}:{}/ (demo page at /demo/index.html)", config.host(), edge.port());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      edge.close();
      stopped.countDown();
    }, "web-edge-shutdown"));
    stopped.await();
  }
}
