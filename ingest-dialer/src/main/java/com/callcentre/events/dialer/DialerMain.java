package com.callcentre.events.dialer;

import com.callcentre.events.runtime.config.Env;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the dialer intake on its own; configuration from the environment or {@code --NAME=value} flags. */
public final class DialerMain {
  private static final Logger log = LoggerFactory.getLogger(DialerMain.class);

  private DialerMain() {}

  public static void main(String[] args) throws InterruptedException {
    DialerConfig config;
    try {
      config = DialerConfig.from(Env.fromProcess(args));
    } catch (IllegalArgumentException e) {
      System.err.println("ingest-dialer: " + e.getMessage());
      System.exit(2);
      return;
    }
    DialerService service = DialerService.start(config);
    log.info("ingest-dialer up: 0MQ {}, HTTP {}:{}", service.zmqEndpoint(), config.httpHost(), service.httpPort());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.close();
      stopped.countDown();
    }, "ingest-dialer-shutdown"));
    stopped.await();
  }
}
