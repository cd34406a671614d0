package com.callcentre.events.streams;

import com.callcentre.events.runtime.config.Env;
import com.callcentre.events.runtime.config.Setting;
import com.callcentre.events.runtime.config.Settings;
import com.callcentre.events.runtime.kafka.KafkaSettings;
import com.callcentre.events.schemas.registry.RegistryClientConfig;
import com.callcentre.events.streams.errors.DeadLetterDeserializationHandler;
import com.callcentre.events.streams.metrics.KafkaMetricsDetail;
import com.callcentre.events.streams.topology.TopologySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * Settings of the streams-app, read once at start-up; each is declared below with its default,
 * what it accepts and what it does ({@code --help} prints them).
 */
public record StreamsAppConfig(KafkaSettings kafka, String applicationId, String guarantee, Path stateDir,
    Duration commitInterval, Duration derivedCommitInterval, Duration fetchMaxWait, Duration producerLinger, int threads, int standbys, int replication,
    StreamThreadExceptionResponse onUncaught, String opsHost, int opsPort, TopologySettings topology,
    KafkaMetricsDetail kafkaMetrics) {

  private static final TopologySettings D = TopologySettings.defaults();
  public static final Setting<String> APPLICATION_ID = Setting.text("STREAMS_APPLICATION_ID", "call-events-streams",
      "consumer group and prefix of the internal topics").check(v -> v.matches("[A-Za-z0-9._-]+"),
      "letters, digits, '.', '_' and '-'");
  public static final Setting<String> PROCESSING_GUARANTEE = Setting.oneOf("STREAMS_PROCESSING_GUARANTEE",
      StreamsConfig.EXACTLY_ONCE_V2, List.of(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE),
      "exactly_once_v2, or at_least_once, which is faster but can leave a gap or a repeat in a sequence after a crash "
          + "(for benchmarks only)");
  public static final Setting<String> STATE_DIR = Setting.text("STREAMS_STATE_DIR", "data/streams", "where the state stores live");
  public static final Setting<Duration> COMMIT_INTERVAL = Setting.duration("STREAMS_COMMIT_INTERVAL", Duration.ofMillis(20),
      "how often results are committed (and, under exactly-once, become visible to the edges)")
      .check(d -> !d.isZero(), "a positive duration like 20ms");
  public static final Setting<Duration> DERIVED_COMMIT_INTERVAL = Setting.duration("STREAMS_DERIVED_COMMIT_INTERVAL",
      Duration.ofSeconds(1), "how often the derived outputs (extension-state.v1, call-summaries.v1) are committed; "
          + "they are off the screens' path, and a longer interval means fewer, larger transactions")
      .check(d -> !d.isZero(), "a positive duration like 1s");
  public static final Setting<Duration> FETCH_MAX_WAIT = Setting.duration("STREAMS_FETCH_MAX_WAIT", Duration.ofMillis(10),
      "how long the broker may hold a fetch for more records (up to 64 KiB): the wait an event can spend before it is "
          + "sequenced, against the broker's work of answering more, smaller fetches")
      .check(d -> !d.isZero() && d.toMillis() <= 500, "a positive duration up to 500ms");
  public static final Setting<Duration> PRODUCER_LINGER = Setting.duration("STREAMS_PRODUCER_LINGER", Duration.ofSeconds(1),
      "how long the app's producers hold records before sending, at most each application's commit interval: under "
          + "exactly-once no reader sees them before the commit, which sends whatever is held")
      .check(d -> !d.isZero(), "a positive duration like 20ms");
  public static final Setting<Integer> THREADS = Setting.integer("STREAMS_THREADS", 1, 1, 64, "stream threads");
  public static final Setting<Integer> STANDBY_REPLICAS = Setting.integer("STREAMS_STANDBY_REPLICAS", 0, 0, 8,
      "warm copies of each state store on other instances (1 when running two or more)");
  public static final Setting<Integer> REPLICATION_FACTOR = Setting.integer("STREAMS_REPLICATION_FACTOR", 1, 1, 16,
      "replication factor of the internal topics");
  public static final Setting<StreamThreadExceptionResponse> ON_UNCAUGHT_ERROR = Setting.choice("STREAMS_ON_UNCAUGHT_ERROR",
      StreamThreadExceptionResponse.class, StreamThreadExceptionResponse.REPLACE_THREAD,
      "what a stream thread's unexpected error does");
  public static final Setting<String> HTTP_HOST = Setting.text("STREAMS_HTTP_HOST", "127.0.0.1",
      "address of /health, /ready, /metrics");
  public static final Setting<Integer> HTTP_PORT = Setting.port("STREAMS_HTTP_PORT", 8083, "port of /health, /ready, /metrics");
  public static final Setting<Duration> DEDUPE_WINDOW = Setting.duration("STREAMS_DEDUPE_WINDOW", D.dedupeWindow(),
      "how long an event uuid is remembered to drop a repeat").check(d -> !d.isZero(), "a positive duration like 1h");
  public static final Setting<Duration> CALL_TIMEOUT = Setting.duration("STREAMS_CALL_TIMEOUT", D.callTimeout(),
      "a call with no end is summarised as timed out after this long").check(d -> !d.isZero(), "a positive duration");
  public static final Setting<Duration> CALL_SWEEP_INTERVAL = Setting.duration("STREAMS_CALL_SWEEP_INTERVAL",
      D.callSweepInterval(), "how often timed-out calls are looked for").check(d -> !d.isZero(), "a positive duration");
  public static final Setting<KafkaMetricsDetail> KAFKA_METRICS = Setting.choice("STREAMS_KAFKA_METRICS",
      KafkaMetricsDetail.class, KafkaMetricsDetail.CLIENT, "Kafka's own metrics on /metrics: client (the app's and "
          + "its threads' and clients', as ops/ uses), or all (every task, processor node, state store and partition: "
          + "~2,700 series whose slow scrapes held up the sequencing under load)");
  public static final List<Setting<?>> SETTINGS = Settings.join(KafkaSettings.SETTINGS, List.of(APPLICATION_ID,
      PROCESSING_GUARANTEE, STATE_DIR, COMMIT_INTERVAL, DERIVED_COMMIT_INTERVAL, FETCH_MAX_WAIT, PRODUCER_LINGER, THREADS, STANDBY_REPLICAS,
      REPLICATION_FACTOR, ON_UNCAUGHT_ERROR, HTTP_HOST, HTTP_PORT, DEDUPE_WINDOW, CALL_TIMEOUT, CALL_SWEEP_INTERVAL, KAFKA_METRICS));

  public static StreamsAppConfig from(Env env) {
    return new StreamsAppConfig(
        KafkaSettings.from(env),
        env.get(APPLICATION_ID),
        env.get(PROCESSING_GUARANTEE),
        Path.of(env.get(STATE_DIR)),
        env.get(COMMIT_INTERVAL),
        env.get(DERIVED_COMMIT_INTERVAL),
        env.get(FETCH_MAX_WAIT),
        env.get(PRODUCER_LINGER),
        env.get(THREADS),
        env.get(STANDBY_REPLICAS),
        env.get(REPLICATION_FACTOR),
        env.get(ON_UNCAUGHT_ERROR),
        env.get(HTTP_HOST),
        env.get(HTTP_PORT),
        new TopologySettings(env.get(DEDUPE_WINDOW), env.get(CALL_TIMEOUT),
            env.get(CALL_SWEEP_INTERVAL)),
        env.get(KAFKA_METRICS));
  }

  /**
   * Kafka Streams settings of the sequencing, each chosen for this app:
   * <ul>
   *   <li>exactly-once v2: a crash can neither lose nor repeat a sequence number, because the state
   *       store changelog, the outputs and the input offsets commit in one transaction;</li>
   *   <li>commit every 20 ms instead of the default: under exactly-once, outputs become visible to
   *       read_committed readers (the edges) only at commit, so the commit interval is the floor of
   *       the switch-to-browser latency: 20 ms holds an event 10 ms on average, at 50 transactions
   *       a second;</li>
   *   <li>no record cache: the cache exists to merge repeated updates before they are written, which
   *       would hold every extension's update back until the next flush;</li>
   *   <li>the producers linger up to the commit ({@link #lingerFor}); compression is every
   *       service's ({@code KAFKA_PRODUCER_COMPRESSION}, lz4), and fetches wait up to
   *       {@code STREAMS_FETCH_MAX_WAIT} (10 ms) for 64 KiB: a few milliseconds of batching cut the
   *       broker's work per event, and lz4 halves the bytes written (bin/bench latency: written/input 6.0 without, 3.5 with; see
   *       docs/benchmarks.md);</li>
   *   <li>a 10 s consumer session: a crashed instance's extensions resume elsewhere within seconds.</li>
   * </ul>
   */
  public Properties streamsProperties() {
    return properties(applicationId, commitInterval, fetchMaxWait);
  }

  /**
   * The derived outputs' application ({@link com.callcentre.events.streams.topology.DerivedOutputsTopology}):
   * the same settings under its own application id (its consumer group and the prefix of its
   * internal topics) and its own commit interval.
   */
  public Properties derivedStreamsProperties() {
    return properties(derivedApplicationId(), derivedCommitInterval, derivedFetchWait());
  }

  /**
   * How long the derived application's fetches may wait for 64 KiB: half its commit interval, at
   * most Kafka's default 500 ms, never less than {@code STREAMS_FETCH_MAX_WAIT}. Its outputs are
   * published only at its commit, so a fuller fetch delays them by less than an interval, and the
   * broker answers a few fetches a second instead of one per sequencing commit.
   */
  Duration derivedFetchWait() {
    Duration wait = shorter(derivedCommitInterval.dividedBy(2), Duration.ofMillis(500));
    return wait.compareTo(fetchMaxWait) > 0 ? wait : fetchMaxWait;
  }

  /** The derived outputs' application id: this app's with {@code -derived}. */
  public String derivedApplicationId() {
    return applicationId + "-derived";
  }

  /**
   * The producers' linger: {@code STREAMS_PRODUCER_LINGER}, at most the commit interval. Under
   * exactly-once a record sent before the commit is invisible to read_committed readers until it,
   * and the commit's flush sends whatever is held, so lingering up to the commit costs the screens
   * nothing and turns a produce request per linger into one per commit. At-least-once readers see
   * records as soon as they are written, so there the services' {@code KAFKA_PRODUCER_LINGER} applies.
   */
  Duration lingerFor(Duration commitEvery) {
    if (!StreamsConfig.EXACTLY_ONCE_V2.equals(guarantee)) {
      return kafka.producerLinger();
    }
    return shorter(producerLinger, commitEvery);
  }

  private static Duration shorter(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private Properties properties(String id, Duration commitEvery, Duration fetchWait) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, id);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitEvery.toMillis());
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
    p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbys);
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replication);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
    p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
    // Kafka 5.0's default now: the processing exception handler also covers global-store processing
    // (the app has no global store). Kafka 4.3.1 still warns once per application at start: its
    // partition assignor checks a StreamsConfig built from the consumer's configs, without this.
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), (int) lingerFor(commitEvery).toMillis());
    p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), kafka.producerCompression());
    // Never hold one source back waiting for the other: order is per extension in arrival order,
    // not by timestamp across the switch and dialer topics.
    p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), (int) fetchWait.toMillis());
    // Let a fetch gather up to STREAMS_FETCH_MAX_WAIT of records instead of returning each one as it
    // lands: fewer, larger fetches for the broker (docs/benchmarks.md, #11 ninth round, measures 5 ms).
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MIN_BYTES_CONFIG), 64 * 1024);
    // A crashed instance's partitions move after 10 s instead of the default 45 s.
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 3_000);
    p.put(RegistryClientConfig.URL_CONFIG, kafka.registryUrl());
    return p;
  }
}
