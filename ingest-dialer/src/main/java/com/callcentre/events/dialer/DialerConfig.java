package com.callcentre.events.dialer;

import com.callcentre.events.dialer.intake.IntakeLimits;
import com.callcentre.events.runtime.config.Env;
import com.callcentre.events.runtime.kafka.KafkaSettings;
import java.time.Duration;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Settings of the dialer intake, read once at start-up (environment variables, or {@code --NAME=value}).
 *
 * @param zmqEndpoint  {@code DIALER_ZMQ_ENDPOINT}, where injectors connect (default tcp://127.0.0.1:5570;
 *                     use tcp://*:5570 to accept workstations; a port of 0 picks a free one)
 * @param httpHost     {@code DIALER_HTTP_HOST} (default 127.0.0.1)
 * @param httpPort     {@code DIALER_HTTP_PORT}: POST /dialer/events, /health, /ready, /metrics (default 8082)
 * @param replyTimeout {@code DIALER_REPLY_TIMEOUT}: longest wait for Kafka before answering ERROR
 *                     (default 5s; the injector gives up after 10 s)
 * @param queueCapacity {@code DIALER_QUEUE_CAPACITY}: events waiting for Kafka before new ones are refused
 */
public record DialerConfig(KafkaSettings kafka, String zmqEndpoint, String httpHost, int httpPort,
    Duration replyTimeout, int queueCapacity, IntakeLimits limits) {

  public static DialerConfig from(Env env) {
    IntakeLimits d = IntakeLimits.defaults();
    Pattern extension;
    String pattern = env.string("DIALER_EXTENSION_PATTERN", d.extensionPattern().pattern());
    try {
      extension = Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("DIALER_EXTENSION_PATTERN is not a valid regular expression: " + pattern);
    }
    return new DialerConfig(
        KafkaSettings.from(env),
        env.string("DIALER_ZMQ_ENDPOINT", "tcp://127.0.0.1:5570"),
        env.string("DIALER_HTTP_HOST", "127.0.0.1"),
        env.port("DIALER_HTTP_PORT", 8082),
        env.duration("DIALER_REPLY_TIMEOUT", Duration.ofSeconds(5)),
        env.integer("DIALER_QUEUE_CAPACITY", 10_000),
        new IntakeLimits(
            env.integer("DIALER_MAX_MESSAGE_BYTES", d.maxMessageBytes()),
            env.integer("DIALER_MAX_KEYS", d.maxKeys()),
            env.integer("DIALER_MAX_VALUE_CHARS", d.maxValueChars()),
            extension,
            env.integer("DIALER_MAX_BATCH", d.maxBatch())));
  }
}
