package com.callcentre.events.switchreader;

import com.callcentre.events.runtime.lifecycle.ServiceRunner;
import io.vertx.core.Vertx;

/** Runs the switch reader on its own; configuration from the environment or {@code --NAME=value} flags. */
public final class SwitchMain {
  private SwitchMain() {}

  public static void main(String[] args) throws Exception {
    ServiceRunner.run("ingest-switch", args, SwitchConfig.SETTINGS, SwitchConfig::from, config -> SwitchService.start(config, Vertx.vertx(), true));
  }
}
