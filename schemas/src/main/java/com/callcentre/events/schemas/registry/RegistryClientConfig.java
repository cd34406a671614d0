package com.callcentre.events.schemas.registry;

import com.callcentre.events.retry.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings for {@link SchemaRegistryClient}, parsed once.
 *
 * <p>The base URL is the root of a Confluent Schema Registry API: {@code http://host:8081} for
 * Confluent or Karapace, {@code http://host:8080/apis/ccompat/v7} for Apicurio Registry.
 *
 * @param baseUrl        registry API root, without a trailing slash
 * @param requestTimeout time allowed for one HTTP request
 * @param maxAttempts    attempts for a request that fails transiently (I/O error, 5xx, 429)
 * @param initialBackoff wait before the second attempt; doubles each time up to {@code maxBackoff}
 * @param maxBackoff     cap on the wait between attempts
 */
public record RegistryClientConfig(
    URI baseUrl, Duration requestTimeout, int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

  /** Kafka serde property naming the registry, the same key Confluent's serdes use. */
  public static final String URL_CONFIG = "schema.registry.url";
  public static final String REQUEST_TIMEOUT_MS_CONFIG = "schema.registry.request.timeout.ms";
  public static final String MAX_ATTEMPTS_CONFIG = "schema.registry.max.attempts";

  public RegistryClientConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    String scheme = baseUrl.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme) && !"mock".equals(scheme)) {
      throw new IllegalArgumentException("schema registry URL must be http(s) (or mock:// in tests): " + baseUrl);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    String text = baseUrl.toString();
    if (text.endsWith("/")) {
      baseUrl = URI.create(text.substring(0, text.length() - 1));
    }
  }

  /** How transient failures are retried: doubling from the initial to the maximum back-off, ±20 % jitter. */
  public RetryPolicy retryPolicy() {
    return RetryPolicy.doubling(initialBackoff, maxBackoff).withMaxAttempts(maxAttempts);
  }

  public static RegistryClientConfig of(String baseUrl) {
    return new RegistryClientConfig(
        URI.create(baseUrl.trim()), Duration.ofSeconds(10), 5, Duration.ofMillis(100), Duration.ofSeconds(2));
  }

  /** Reads the serde properties a Kafka client was configured with. */
  public static RegistryClientConfig fromProperties(Map<String, ?> props) {
    Object url = props.get(URL_CONFIG);
    if (url == null || url.toString().isBlank()) {
      throw new IllegalArgumentException("missing serde property " + URL_CONFIG);
    }
    // Confluent allows a comma-separated list; this client talks to the first one.
    RegistryClientConfig defaults = of(url.toString().split(",")[0]);
    Duration timeout = props.containsKey(REQUEST_TIMEOUT_MS_CONFIG)
        ? Duration.ofMillis(Long.parseLong(props.get(REQUEST_TIMEOUT_MS_CONFIG).toString()))
        : defaults.requestTimeout();
    int attempts = props.containsKey(MAX_ATTEMPTS_CONFIG)
        ? Integer.parseInt(props.get(MAX_ATTEMPTS_CONFIG).toString())
        : defaults.maxAttempts();
    return new RegistryClientConfig(defaults.baseUrl(), timeout, attempts, defaults.initialBackoff(), defaults.maxBackoff());
  }
}
