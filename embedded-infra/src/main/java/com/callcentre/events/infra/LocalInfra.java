package com.callcentre.events.infra;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** A Kafka broker and a schema registry started side by side (in parallel, to save start-up time). */
public final class LocalInfra implements AutoCloseable {
  private final EmbeddedKafka kafka;
  private final EmbeddedRegistry registry;

  private LocalInfra(EmbeddedKafka kafka, EmbeddedRegistry registry) {
    this.kafka = kafka;
    this.registry = registry;
  }

  public static LocalInfra start(EmbeddedKafka.Config kafkaConfig, EmbeddedRegistry.Config registryConfig) {
    CompletableFuture<EmbeddedKafka> kafka = CompletableFuture.supplyAsync(() -> EmbeddedKafka.start(kafkaConfig));
    CompletableFuture<EmbeddedRegistry> registry = CompletableFuture.supplyAsync(() -> EmbeddedRegistry.start(registryConfig));
    try {
      return new LocalInfra(kafka.join(), registry.join());
    } catch (CompletionException e) {
      kafka.thenAccept(EmbeddedKafka::close);
      registry.thenAccept(EmbeddedRegistry::close);
      throw e.getCause() instanceof RuntimeException re ? re : e;
    }
  }

  /** Throw-away broker and registry under {@code dir}, on free ports. */
  public static LocalInfra ephemeral(Path dir) {
    return start(EmbeddedKafka.Config.ephemeral(dir.resolve("kafka")), EmbeddedRegistry.Config.ephemeral(dir.resolve("registry")));
  }

  public EmbeddedKafka kafka() {
    return kafka;
  }

  public EmbeddedRegistry registry() {
    return registry;
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  public String registryUrl() {
    return registry.confluentApiUrl();
  }

  @Override
  public void close() {
    kafka.close();
    registry.close();
  }
}
