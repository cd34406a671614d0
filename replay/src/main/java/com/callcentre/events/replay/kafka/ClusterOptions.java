package com.callcentre.events.replay.kafka;

import java.time.Duration;
import picocli.CommandLine.Option;

/** Where the retained topics are: options every subcommand takes, defaulting to the dev stack's addresses. */
public final class ClusterOptions {
  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
      defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
      description = "Kafka brokers (default: $KAFKA_BOOTSTRAP_SERVERS or ${DEFAULT-VALUE})")
  String bootstrapServers;

  @Option(names = "--registry-url", paramLabel = "URL",
      defaultValue = "${env:SCHEMA_REGISTRY_URL:-http://127.0.0.1:8081/apis/ccompat/v7}",
      description = "Confluent-API schema registry root (default: $SCHEMA_REGISTRY_URL or ${DEFAULT-VALUE})")
  String registryUrl;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
      description = "longest wait for the broker or the registry to answer (default: ${DEFAULT-VALUE})")
  int timeoutSeconds;

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public String registryUrl() {
    return registryUrl;
  }

  public Duration timeout() {
    return Duration.ofSeconds(Math.max(1, timeoutSeconds));
  }
}
