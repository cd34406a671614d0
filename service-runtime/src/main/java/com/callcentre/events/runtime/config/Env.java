package com.callcentre.events.runtime.config;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Typed reads of configuration variables (environment, or flags turned into the same names), each
 * failing with a message that names the variable and the bad value. Services build their config
 * records from it once at start-up.
 */
public final class Env {
  private final Map<String, String> values;

  private Env(Map<String, String> values) {
    this.values = values;
  }

  public static Env of(Map<String, String> values) {
    return new Env(Map.copyOf(values));
  }

  /** The process environment, overridden by {@code --NAME=value} or {@code --name-with-dashes=value} flags. */
  public static Env fromProcess(String[] args) {
    var merged = new java.util.HashMap<>(System.getenv());
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("flags are --NAME=value (e.g. --KAFKA_BOOTSTRAP_SERVERS=host:9092), got " + arg);
      }
      String name = arg.substring(2, arg.indexOf('=')).replace('-', '_').toUpperCase(java.util.Locale.ROOT);
      merged.put(name, arg.substring(arg.indexOf('=') + 1));
    }
    return new Env(merged);
  }

  public String string(String name, String defaultValue) {
    String value = values.get(name);
    return value == null || value.isBlank() ? defaultValue : value.trim();
  }

  public String required(String name) {
    String value = string(name, null);
    if (value == null) {
      throw new IllegalArgumentException(name + " must be set");
    }
    return value;
  }

  public int integer(String name, int defaultValue) {
    return parse(name, defaultValue, Integer::parseInt, "a whole number");
  }

  public long longValue(String name, long defaultValue) {
    return parse(name, defaultValue, Long::parseLong, "a whole number");
  }

  public int port(String name, int defaultValue) {
    int port = integer(name, defaultValue);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(name + " must be a port 0-65535, was " + port);
    }
    return port;
  }

  public boolean flag(String name, boolean defaultValue) {
    String value = string(name, null);
    if (value == null) {
      return defaultValue;
    }
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new IllegalArgumentException(name + " must be true or false, was '" + value + "'");
    };
  }

  /** Milliseconds as a number ({@code 250}) or with a unit ({@code 250ms}, {@code 30s}, {@code 5m}). */
  public Duration duration(String name, Duration defaultValue) {
    String value = string(name, null);
    if (value == null) {
      return defaultValue;
    }
    try {
      String v = value.toLowerCase(java.util.Locale.ROOT);
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      if (v.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
      }
      if (v.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
      }
      if (v.endsWith("h")) {
        return Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1)));
      }
      return Duration.ofMillis(Long.parseLong(v));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a duration like 500ms, 30s or 5m, was '" + value + "'");
    }
  }

  private <T> T parse(String name, T defaultValue, Function<String, T> parser, String what) {
    String value = string(name, null);
    if (value == null) {
      return defaultValue;
    }
    try {
      return parser.apply(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be " + what + ", was '" + value + "'");
    }
  }
}
