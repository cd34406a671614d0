package com.callcentre.events.streams;

import com.callcentre.events.runtime.config.Env;
import com.callcentre.events.runtime.kafka.KafkaSettings;
import com.callcentre.events.schemas.registry.RegistryClientConfig;
import com.callcentre.events.streams.errors.DeadLetterDeserializationHandler;
import com.callcentre.events.streams.topology.TopologySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * Settings of the streams-app, read once at start-up.
 *
 * @param applicationId  {@code STREAMS_APPLICATION_ID} (default call-events-streams): consumer group and internal topic prefix
 * @param guarantee      {@code STREAMS_PROCESSING_GUARANTEE}: exactly_once_v2 (default), or at_least_once, which is
 *                       faster but can leave a gap or a repeat in a sequence after a crash (for benchmarks only)
 * @param stateDir       {@code STREAMS_STATE_DIR} (default ./data/streams)
 * @param commitInterval {@code STREAMS_COMMIT_INTERVAL} (default 20ms), see {@link #streamsProperties()}
 * @param threads        {@code STREAMS_THREADS} (default 1)
 * @param standbys       {@code STREAMS_STANDBY_REPLICAS} (default 0; 1 when running two or more instances)
 * @param replication    {@code STREAMS_REPLICATION_FACTOR} of internal topics (default 1)
 * @param onUncaught     {@code STREAMS_ON_UNCAUGHT_ERROR}: replace_thread (default), shutdown_client or shutdown_application
 * @param opsHost        {@code STREAMS_HTTP_HOST} (default 127.0.0.1)
 * @param opsPort        {@code STREAMS_HTTP_PORT}: /health, /ready, /metrics (default 8083)
 */
public record StreamsAppConfig(KafkaSettings kafka, String applicationId, String guarantee, Path stateDir, Duration commitInterval,
    int threads, int standbys, int replication, StreamThreadExceptionResponse onUncaught, String opsHost, int opsPort,
    TopologySettings topology) {

  public static StreamsAppConfig from(Env env) {
    TopologySettings d = TopologySettings.defaults();
    String uncaught = env.string("STREAMS_ON_UNCAUGHT_ERROR", "replace_thread").toUpperCase(Locale.ROOT);
    StreamThreadExceptionResponse response;
    try {
      response = StreamThreadExceptionResponse.valueOf(uncaught);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("STREAMS_ON_UNCAUGHT_ERROR must be replace_thread, shutdown_client or shutdown_application, was " + uncaught);
    }
    return new StreamsAppConfig(
        KafkaSettings.from(env),
        env.string("STREAMS_APPLICATION_ID", "call-events-streams"),
        guarantee(env.string("STREAMS_PROCESSING_GUARANTEE", StreamsConfig.EXACTLY_ONCE_V2)),
        Path.of(env.string("STREAMS_STATE_DIR", "data/streams")),
        env.duration("STREAMS_COMMIT_INTERVAL", Duration.ofMillis(20)),
        env.integer("STREAMS_THREADS", 1),
        env.integer("STREAMS_STANDBY_REPLICAS", 0),
        env.integer("STREAMS_REPLICATION_FACTOR", 1),
        response,
        env.string("STREAMS_HTTP_HOST", "127.0.0.1"),
        env.port("STREAMS_HTTP_PORT", 8083),
        new TopologySettings(
            env.integer("STREAMS_RECENT_WINDOW", d.recentWindow()),
            env.duration("STREAMS_DEDUPE_WINDOW", d.dedupeWindow()),
            env.duration("STREAMS_CALL_TIMEOUT", d.callTimeout()),
            env.duration("STREAMS_CALL_SWEEP_INTERVAL", d.callSweepInterval())));
  }

  private static String guarantee(String value) {
    if (!value.equals(StreamsConfig.EXACTLY_ONCE_V2) && !value.equals(StreamsConfig.AT_LEAST_ONCE)) {
      throw new IllegalArgumentException("STREAMS_PROCESSING_GUARANTEE must be exactly_once_v2 or at_least_once, was " + value);
    }
    return value;
  }

  /**
   * Kafka Streams settings, each chosen for this app:
   * <ul>
   *   <li>exactly-once v2: a crash can neither lose nor repeat a sequence number, because the state
   *       store changelog, the outputs and the input offsets commit in one transaction;</li>
   *   <li>commit every 20 ms instead of the default: under exactly-once, outputs become visible to
   *       read_committed readers (the edges) only at commit, so the commit interval is the floor of
   *       the switch-to-browser latency; 20 ms keeps p99 well under 50 ms at a few hundred
   *       transactions a second;</li>
   *   <li>no record cache: the cache exists to merge repeated updates before they are written, which
   *       would hold every extension's update back until the next flush;</li>
   *   <li>producer linger 0 and consumer fetch.max.wait 10 ms: nothing waits to batch;</li>
   *   <li>a 10 s consumer session: a crashed instance's extensions resume elsewhere within seconds.</li>
   * </ul>
   */
  public Properties streamsProperties() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
    p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbys);
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replication);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
    p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 0);
    // Never hold one source back waiting for the other: order is per extension in arrival order,
    // not by timestamp across the switch and dialer topics.
    p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 10);
    // A crashed instance's partitions move after 10 s instead of the default 45 s.
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 3_000);
    p.put(RegistryClientConfig.URL_CONFIG, kafka.registryUrl());
    return p;
  }
}
