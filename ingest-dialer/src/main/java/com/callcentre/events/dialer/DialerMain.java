package com.callcentre.events.dialer;

import com.callcentre.events.runtime.lifecycle.ServiceRunner;

/** Runs the dialer intake on its own; configuration from the environment or {@code --NAME=value} flags. */
public final class DialerMain {
  private DialerMain() {}

  public static void main(String[] args) throws Exception {
    ServiceRunner.run("ingest-dialer", args, DialerConfig.SETTINGS, DialerConfig::from, DialerService::start);
  }
}
