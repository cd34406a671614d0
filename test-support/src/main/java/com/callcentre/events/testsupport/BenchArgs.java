package com.callcentre.events.testsupport;

import java.util.HashMap;
import java.util.Map;

/** The {@code key=value} arguments of the single-component benchmarks ({@code bin/bench streams|edge-window|dialer}). */
public final class BenchArgs {
  private BenchArgs() {}

  /** Each argument as key and value; one without '=' is refused, naming it, before anything starts. */
  public static Map<String, String> parse(String[] args) {
    Map<String, String> opts = new HashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("benchmark arguments are key=value, got '" + a + "'");
      }
      opts.put(a.substring(0, eq), a.substring(eq + 1));
    }
    return opts;
  }
}
