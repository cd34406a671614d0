package com.callcentre.events.runtime.logging;

import com.callcentre.events.runtime.config.Setting;

/** How the services write their console log: lines for people, or one JSON object per line for a log collector. */
public enum LogFormat {
  TEXT,
  JSON;

  /** Read by every service at start-up and by logback itself (as the environment variable), so one setting switches both. */
  public static final Setting<LogFormat> SETTING = Setting.choice("LOG_FORMAT", LogFormat.class, TEXT,
      "console log format: text (people) or json (one Logstash-style object per line, key-values such as client= as fields)");
}
