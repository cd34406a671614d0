package com.callcentre.events.schemas.events;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What an event name means for a call, decided once, by exact match on the whole name (ignoring
 * case and surrounding blanks), so every consumer reads a name the same way.
 *
 * <p>The switch says {@code C_CONNECTED}, {@code C_DROP}, {@code C_CALLEND}; dialers say
 * {@code CONNECTED}, {@code DISCONNECTED}, {@code UNANSWERED}. Matching substrings would read
 * {@code DISCONNECTED} and {@code UNANSWERED} as connected and turn an abandoned call into an
 * answered one, so a name that is not in the table below is {@link #OTHER}: counted, never guessed.
 */
public enum EventKind {
  OFFERED("C_OFFERED", "OFFERED", "C_QUEUED", "QUEUED"),
  ALERTING("C_ALERTING", "ALERTING", "RINGING"),
  CONNECTED("C_CONNECTED", "CONNECTED", "C_ANSWERED", "ANSWERED"),
  HELD("C_HOLD", "HOLD", "HELD"),
  RETRIEVED("C_RECONNECT", "RECONNECT", "RETRIEVED"),
  DROPPED("C_DROP", "DROP", "DROPPED", "DISCONNECTED", "HANGUP"),
  ENDED("C_CALLEND", "C_CALL_ENDED", "CALLEND", "CALL_END", "CALL_ENDED", "ENDED"),
  TRANSFERRED("C_TRANSFERRED", "TRANSFERRED"),
  CONFERENCED("C_CONFERENCED", "CONFERENCED"),
  OTHER;

  private static final Map<String, EventKind> BY_NAME = new HashMap<>();

  static {
    for (EventKind kind : values()) {
      for (String name : kind.names) {
        if (BY_NAME.put(name, kind) != null) {
          throw new ExceptionInInitializerError("event name " + name + " is listed twice");
        }
      }
    }
  }

  private final String[] names;

  EventKind(String... names) {
    this.names = names;
  }

  /** The kind of an event name; {@link #OTHER} for null, blank or unknown names. */
  public static EventKind of(String eventName) {
    if (eventName == null) {
      return OTHER;
    }
    return BY_NAME.getOrDefault(eventName.trim().toUpperCase(Locale.ROOT), OTHER);
  }
}
