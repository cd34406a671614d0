package com.callcentre.events.streams;

import com.callcentre.events.runtime.config.Env;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the streams-app on its own; configuration from the environment or {@code --NAME=value} flags. */
public final class StreamsAppMain {
  private static final Logger log = LoggerFactory.getLogger(StreamsAppMain.class);

  private StreamsAppMain() {}

  public static void main(String[] args) throws InterruptedException {
    StreamsAppConfig config;
    try {
      config = StreamsAppConfig.from(Env.fromProcess(args));
    } catch (IllegalArgumentException e) {
      System.err.println("streams-app: " + e.getMessage());
      System.exit(2);
      return;
    }
    StreamsService service = StreamsService.start(config);
    log.info("streams-app started ({}), ops on {}:{}", config.applicationId(), config.opsHost(), service.opsPort());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.close();
      stopped.countDown();
    }, "streams-app-shutdown"));
    stopped.await();
  }
}
