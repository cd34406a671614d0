package com.callcentre.events.schemas.registry;

import java.util.Optional;
import org.apache.avro.Schema;

/**
 * What the serdes need from a schema registry speaking the Confluent API.
 *
 * <p>{@link #forUrl} gives the HTTP client for a real registry; a {@code mock://scope} URL gives an
 * in-memory registry shared by everything in the JVM using the same scope, for topology tests
 * that run without a broker or a registry (the same convention Confluent's serdes use).
 */
public interface SchemaRegistryClient {
  /** Registers {@code schema} under {@code subject} (or finds it there) and returns its id. */
  int register(String subject, Schema schema);

  /** The id of {@code schema} under {@code subject}, if it is registered there. */
  Optional<Integer> lookup(String subject, Schema schema);

  /** The schema with this id. */
  Schema schemaById(int id);

  void setCompatibility(String subject, CompatibilityLevel level);

  boolean isCompatibleWithLatest(String subject, Schema schema);

  static SchemaRegistryClient forUrl(String url) {
    return forConfig(RegistryClientConfig.of(url));
  }

  static SchemaRegistryClient forConfig(RegistryClientConfig config) {
    String url = config.baseUrl().toString();
    if (url.startsWith("mock://")) {
      return InMemorySchemaRegistry.scope(url.substring("mock://".length()));
    }
    return new HttpSchemaRegistryClient(config);
  }
}
