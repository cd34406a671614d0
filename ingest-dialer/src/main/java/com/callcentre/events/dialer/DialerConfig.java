package com.callcentre.events.dialer;

import com.callcentre.events.dialer.intake.IntakeLimits;
import com.callcentre.events.runtime.config.Env;
import com.callcentre.events.runtime.config.Setting;
import com.callcentre.events.runtime.config.Settings;
import com.callcentre.events.runtime.kafka.KafkaSettings;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Settings of the dialer intake, read once at start-up (environment variables, or {@code --NAME=value});
 * each is declared below with its default, what it accepts and what it does ({@code --help} prints them).
 */
public record DialerConfig(KafkaSettings kafka, String zmqEndpoint, String httpHost, int httpPort,
    Duration replyTimeout, int queueCapacity, IntakeLimits limits) {

  private static final IntakeLimits D = IntakeLimits.defaults();
  public static final Setting<String> ZMQ_ENDPOINT = Setting.text("DIALER_ZMQ_ENDPOINT", "tcp://127.0.0.1:5570",
      "where injectors connect their REQ sockets (tcp://*:5570 to accept workstations; port 0 picks a free one)")
      .check(v -> v.matches("tcp://[^:]+:[0-9]+"), "a 0MQ endpoint tcp://HOST:PORT");
  public static final Setting<String> HTTP_HOST = Setting.text("DIALER_HTTP_HOST", "127.0.0.1",
      "address of POST /dialer/events, /health, /ready, /metrics");
  public static final Setting<Integer> HTTP_PORT = Setting.port("DIALER_HTTP_PORT", 8082,
      "port of POST /dialer/events, /health, /ready, /metrics");
  public static final Setting<Duration> REPLY_TIMEOUT = Setting.duration("DIALER_REPLY_TIMEOUT", Duration.ofSeconds(5),
      "longest wait for Kafka's acknowledgement before answering ERROR (the injector gives up after 10 s)");
  public static final Setting<Integer> QUEUE_CAPACITY = Setting.integer("DIALER_QUEUE_CAPACITY", 10_000, 1, Integer.MAX_VALUE,
      "events waiting for Kafka before new ones are refused");
  public static final Setting<Integer> MAX_MESSAGE_BYTES = Setting.integer("DIALER_MAX_MESSAGE_BYTES",
      D.maxMessageBytes(), 64, 16 * 1024 * 1024, "largest message, in bytes of UTF-8 JSON");
  public static final Setting<Integer> MAX_KEYS = Setting.integer("DIALER_MAX_KEYS", D.maxKeys(), 1, 10_000,
      "most keys in one message");
  public static final Setting<Integer> MAX_VALUE_CHARS = Setting.integer("DIALER_MAX_VALUE_CHARS", D.maxValueChars(),
      1, 1_000_000, "longest value, in characters");
  public static final Setting<Pattern> EXTENSION_PATTERN = Setting.regex("DIALER_EXTENSION_PATTERN",
      D.extensionPattern(), "what connect_num (the extension) must look like");
  public static final Setting<Integer> MAX_BATCH = Setting.integer("DIALER_MAX_BATCH", D.maxBatch(), 1, 100_000,
      "most messages in one HTTP array");
  public static final List<Setting<?>> SETTINGS = Settings.join(KafkaSettings.SETTINGS, List.of(ZMQ_ENDPOINT, HTTP_HOST,
      HTTP_PORT, REPLY_TIMEOUT, QUEUE_CAPACITY, MAX_MESSAGE_BYTES, MAX_KEYS, MAX_VALUE_CHARS, EXTENSION_PATTERN, MAX_BATCH));

  public static DialerConfig from(Env env) {
    return new DialerConfig(
        KafkaSettings.from(env),
        env.get(ZMQ_ENDPOINT),
        env.get(HTTP_HOST),
        env.get(HTTP_PORT),
        env.get(REPLY_TIMEOUT),
        env.get(QUEUE_CAPACITY),
        new IntakeLimits(env.get(MAX_MESSAGE_BYTES), env.get(MAX_KEYS), env.get(MAX_VALUE_CHARS),
            env.get(EXTENSION_PATTERN), env.get(MAX_BATCH)));
  }
}
