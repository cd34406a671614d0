package com.callcentre.events.runtime.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one dead-letter meter of every service, {@code dead_letters_total{service,reason}}: input
 * written whole to the dead-letter topic because no stage could accept it. One name across the
 * services lets one dashboard panel and one alert cover them all.
 */
public final class DeadLetterMeter {
  private DeadLetterMeter() {}

  public static Counter counter(MeterRegistry registry, String reason) {
    return Counter.builder("dead_letters").description("Input written to the dead-letter topic, by reason")
        .tag("reason", reason).register(registry);
  }
}
