package com.callcentre.events.edge;

import com.callcentre.events.runtime.lifecycle.ServiceRunner;
import io.vertx.core.Vertx;

/** Runs one web edge; configuration from the environment or {@code --NAME=value} flags. */
public final class EdgeMain {
  private EdgeMain() {}

  public static void main(String[] args) throws Exception {
    ServiceRunner.run("web-edge", args, EdgeConfig.SETTINGS, EdgeConfig::from, config -> EdgeService.start(config, Vertx.vertx(config.vertxOptions()), true));
  }
}
