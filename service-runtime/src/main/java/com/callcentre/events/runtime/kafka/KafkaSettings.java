package com.callcentre.events.runtime.kafka;

import com.callcentre.events.runtime.config.Env;
import com.callcentre.events.runtime.config.Setting;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Where Kafka and the schema registry are, shared by every service.
 *
 * @param bootstrapServers    {@code KAFKA_BOOTSTRAP_SERVERS}, default 127.0.0.1:9092
 * @param registryUrl         {@code SCHEMA_REGISTRY_URL}, the Confluent API root
 * @param producerLinger      {@code KAFKA_PRODUCER_LINGER}: how long every service's producer lets a batch fill
 * @param producerCompression {@code KAFKA_PRODUCER_COMPRESSION}: how every service's producer compresses its batches
 */
public record KafkaSettings(String bootstrapServers, String registryUrl, Duration producerLinger, String producerCompression) {
  public static final Setting<String> BOOTSTRAP_SERVERS = Setting.text("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092",
      "Kafka brokers, host:port[,host:port...]")
      .check(v -> v.matches("[^,\\s]+:[0-9]+(,[^,\\s]+:[0-9]+)*"), "host:port[,host:port...]");
  public static final Setting<String> REGISTRY_URL = Setting.text("SCHEMA_REGISTRY_URL",
      "http://127.0.0.1:8081/apis/ccompat/v7", "root of the Confluent Schema Registry API (Apicurio: .../apis/ccompat/v7)")
      .check(v -> v.matches("https?://\\S+"), "an http:// or https:// URL");
  public static final Setting<Duration> PRODUCER_LINGER = Setting.duration("KAFKA_PRODUCER_LINGER", Duration.ofMillis(5),
      "how long a producer lets a batch fill before sending: fewer, larger requests for the broker, at this much latency");
  public static final Setting<String> PRODUCER_COMPRESSION = Setting.oneOf("KAFKA_PRODUCER_COMPRESSION", "lz4",
      List.of("none", "lz4", "zstd", "snappy", "gzip"), "compression of the batches the services write");
  public static final List<Setting<?>> SETTINGS = List.of(BOOTSTRAP_SERVERS, REGISTRY_URL, PRODUCER_LINGER, PRODUCER_COMPRESSION);

  /** The given broker and registry, the producer batching defaults. */
  public KafkaSettings(String bootstrapServers, String registryUrl) {
    this(bootstrapServers, registryUrl, PRODUCER_LINGER.defaultValue(), PRODUCER_COMPRESSION.defaultValue());
  }

  public static KafkaSettings from(Env env) {
    return new KafkaSettings(env.get(BOOTSTRAP_SERVERS), env.get(REGISTRY_URL), env.get(PRODUCER_LINGER),
        env.get(PRODUCER_COMPRESSION));
  }

  public SchemaRegistryClient registryClient() {
    return SchemaRegistryClient.forUrl(registryUrl);
  }

  /**
   * Producer settings for events nobody may lose: idempotent, acknowledged by all in-sync
   * replicas, retried until {@code delivery.timeout.ms}. Linger (5 ms by default) and lz4: with a
   * 1 ms linger every event was nearly a request of its own, and at 1,000 events/s the broker and
   * the ingest services spent more CPU on requests than the rest of the pipeline on the events
   * (docs/benchmarks.md, #11).
   */
  public Map<String, Object> reliableProducer(String clientId) {
    Map<String, Object> p = new HashMap<>();
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, (int) producerLinger.toMillis());
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, producerCompression);
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
    // A stalled broker blocks send() for at most this long once the buffer is full: back-pressure.
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 16L * 1024 * 1024);
    return p;
  }

  public Map<String, Object> admin() {
    return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
  }
}
