package com.callcentre.events.runtime.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import java.util.Locale;
import net.logstash.logback.encoder.LogstashEncoder;

/**
 * The services' console encoder: human-readable lines, or Logstash JSON lines for containers.
 * logback.xml sets the format from {@code LOG_FORMAT}; a service that parsed {@code --LOG_FORMAT}
 * from its command line switches it with {@link #use}. One appender, so nothing is logged twice or
 * lost while switching.
 */
public final class ConsoleEncoder extends EncoderBase<ILoggingEvent> {
  private static volatile LogFormat format = LogFormat.TEXT;

  private final PatternLayoutEncoder text = new PatternLayoutEncoder();
  private final LogstashEncoder json = new LogstashEncoder();
  private String pattern = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg%n";

  /** From logback.xml: {@code text} or {@code json}; anything else is reported and text is used. */
  public void setFormat(String name) {
    try {
      use(LogFormat.valueOf(name.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      addError("LOG_FORMAT=" + name + " is not text or json; writing text");
      use(LogFormat.TEXT);
    }
  }

  public void setPattern(String pattern) {
    this.pattern = pattern;
  }

  /** Switches every service's console in this JVM (they share one logback context). */
  public static void use(LogFormat chosen) {
    format = chosen;
  }

  @Override
  public void start() {
    text.setContext(getContext());
    text.setPattern(pattern);
    text.start();
    json.setContext(getContext());
    json.start();
    super.start();
  }

  @Override
  public void stop() {
    text.stop();
    json.stop();
    super.stop();
  }

  @Override
  public byte[] headerBytes() {
    return null;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    return format == LogFormat.JSON ? json.encode(event) : text.encode(event);
  }

  @Override
  public byte[] footerBytes() {
    return null;
  }
}
