package com.callcentre.events.streams;

import com.callcentre.events.runtime.lifecycle.ServiceRunner;

/** Runs the streams-app on its own; configuration from the environment or {@code --NAME=value} flags. */
public final class StreamsAppMain {
  private StreamsAppMain() {}

  public static void main(String[] args) throws Exception {
    ServiceRunner.run("streams-app", args, StreamsAppConfig.SETTINGS, StreamsAppConfig::from, StreamsService::start);
  }
}
