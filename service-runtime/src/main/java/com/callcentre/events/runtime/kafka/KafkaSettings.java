package com.callcentre.events.runtime.kafka;

import com.callcentre.events.runtime.config.Env;
import com.callcentre.events.runtime.config.Setting;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Where Kafka and the schema registry are, shared by every service.
 *
 * @param bootstrapServers {@code KAFKA_BOOTSTRAP_SERVERS}, default 127.0.0.1:9092
 * @param registryUrl      {@code SCHEMA_REGISTRY_URL}, the Confluent API root
 */
public record KafkaSettings(String bootstrapServers, String registryUrl) {
  public static final Setting<String> BOOTSTRAP_SERVERS = Setting.text("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092",
      "Kafka brokers, host:port[,host:port...]")
      .check(v -> v.matches("[^,\\s]+:[0-9]+(,[^,\\s]+:[0-9]+)*"), "host:port[,host:port...]");
  public static final Setting<String> REGISTRY_URL = Setting.text("SCHEMA_REGISTRY_URL",
      "http://127.0.0.1:8081/apis/ccompat/v7", "root of the Confluent Schema Registry API (Apicurio: .../apis/ccompat/v7)")
      .check(v -> v.matches("https?://\\S+"), "an http:// or https:// URL");
  public static final List<Setting<?>> SETTINGS = List.of(BOOTSTRAP_SERVERS, REGISTRY_URL);

  public static KafkaSettings from(Env env) {
    return new KafkaSettings(env.get(BOOTSTRAP_SERVERS), env.get(REGISTRY_URL));
  }

  public SchemaRegistryClient registryClient() {
    return SchemaRegistryClient.forUrl(registryUrl);
  }

  /**
   * Producer settings for events nobody may lose: idempotent, acknowledged by all in-sync
   * replicas, retried until {@code delivery.timeout.ms}. Linger is kept at 1 ms: events are small
   * and agents are waiting for them, so batching is not worth more than a millisecond.
   */
  public Map<String, Object> reliableProducer(String clientId) {
    Map<String, Object> p = new HashMap<>();
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
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
