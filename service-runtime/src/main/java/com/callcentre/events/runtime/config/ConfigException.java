package com.callcentre.events.runtime.config;

/** A setting the service cannot start with; the message names the setting and what it accepts. */
public final class ConfigException extends IllegalArgumentException {
  public ConfigException(String message) {
    super(message);
  }
}
