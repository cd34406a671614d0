package com.callcentre.events.edge.events;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An extension (or VDN: the switch numbers both from one plan) as a client names it. Every surface
 * parses what a client sends through here, so one rule decides what an extension may look like.
 */
public record ExtensionId(String value) {
  private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9*#+_.-]{1,32}");

  public ExtensionId {
    if (!wellFormed(value)) {
      throw new IllegalArgumentException("not an extension: " + value);
    }
  }

  /** The id, or empty for anything a client should be told is not an extension. */
  public static Optional<ExtensionId> parse(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ExtensionId(raw)); // the constructor's one pattern check decides
    } catch (IllegalArgumentException notAnExtension) {
      return Optional.empty();
    }
  }

  public static boolean wellFormed(String raw) {
    return raw != null && WELL_FORMED.matcher(raw).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
