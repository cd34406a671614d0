package com.callcentre.events.replay.kafka;

import com.callcentre.events.replay.ExitCode;
import com.callcentre.events.replay.ReplayException;
import com.callcentre.events.schemas.registry.RegistryClientConfig;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.topics.TopicSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The Kafka cluster and registry a command talks to, with every wait bounded by the timeout so an
 * unreachable broker or registry is an error with its own exit code, never a hang.
 */
public final class Cluster implements AutoCloseable {
  private final ClusterOptions options;
  private Admin admin;
  private SchemaRegistryClient registry;
  private final Map<String, Deserializer<?>> deserializers = new java.util.concurrent.ConcurrentHashMap<>();

  public Cluster(ClusterOptions options) {
    this.options = options;
  }

  public Duration timeout() {
    return options.timeout();
  }

  public synchronized Admin admin() {
    if (admin == null) {
      Map<String, Object> p = common();
      admin = Admin.create(p);
    }
    return admin;
  }

  /** The topic's partitions; exit codes for an unknown topic or a broker that does not answer. */
  public TopicDescription describe(String topic) {
    try {
      return admin().describeTopics(List.of(topic)).allTopicNames()
          .get(timeout().toMillis(), TimeUnit.MILLISECONDS).get(topic);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw new ReplayException(ExitCode.UNKNOWN_TOPIC, "topic " + topic + " does not exist on " + options.bootstrapServers());
      }
      if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw unreachable();
      }
      throw new ReplayException(ExitCode.FAILED, "cannot describe " + topic + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw unreachable();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReplayException(ExitCode.FAILED, "interrupted");
    }
  }

  public ReplayException unreachable() {
    return new ReplayException(ExitCode.BROKER_UNREACHABLE, "no Kafka broker answered at " + options.bootstrapServers()
        + " within " + timeout().toSeconds() + " s (is the stack running? see --bootstrap-servers)");
  }

  public KafkaConsumer<byte[], byte[]> consumer() {
    Map<String, Object> p = common();
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  public KafkaProducer<byte[], byte[]> producer() {
    Map<String, Object> p = common();
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout().toMillis());
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** The registry client, after checking the registry answers at all (a fast, clear failure). */
  public synchronized SchemaRegistryClient registry() {
    if (registry == null) {
      String base = options.registryUrl().replaceAll("/+$", "");
      try {
        HttpResponse<Void> r = HttpClient.newBuilder().connectTimeout(timeout()).build().send(
            HttpRequest.newBuilder(URI.create(base + "/subjects")).timeout(timeout()).GET().build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() >= 500) {
          throw registryDown("answered HTTP " + r.statusCode());
        }
      } catch (IOException | IllegalArgumentException e) {
        throw registryDown(e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ReplayException(ExitCode.FAILED, "interrupted");
      }
      registry = SchemaRegistryClient.forConfig(new RegistryClientConfig(URI.create(base), timeout(), 2,
          Duration.ofMillis(200), Duration.ofSeconds(1)));
    }
    return registry;
  }

  private ReplayException registryDown(String why) {
    return new ReplayException(ExitCode.REGISTRY_UNREACHABLE, "the schema registry at " + options.registryUrl()
        + " did not answer (" + why + "); see --registry-url");
  }

  /** Decodes a value of one of the catalogue's topics, or explains why it cannot. */
  @SuppressWarnings("unchecked")
  public <V> V decode(TopicSpec<?, V> topic, byte[] value) {
    Deserializer<V> d = (Deserializer<V>) deserializers.computeIfAbsent(topic.name(),
        name -> topic.valueSerde(registry()).deserializer());
    return d.deserialize(topic.name(), value);
  }

  private Map<String, Object> common() {
    Map<String, Object> p = new HashMap<>();
    int ms = (int) timeout().toMillis();
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
    p.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
    p.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, ms);
    p.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, (long) ms);
    p.put(CommonClientConfigs.CLIENT_ID_CONFIG, "replay");
    return p;
  }

  @Override
  public void close() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(2));
    }
  }
}
