package com.callcentre.events.loadharness.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ResourcesTest {
  @Test
  void kafkaRequestsAreEveryProducersAndConsumersRequestsToEveryNode() {
    // Lines as Micrometer's Kafka binder writes them on a streams-app's /metrics (two apps).
    String metrics = """
        # HELP kafka_producer_node_request_rate The number of requests sent per second
        # TYPE kafka_producer_node_request_rate gauge
        kafka_producer_node_request_rate{client_id="app-StreamThread-1-producer",kafka_version="4.3.1",node_id="node-1",spring_id="x"} 117.6
        kafka_producer_node_request_rate{client_id="derived-StreamThread-1-producer",kafka_version="4.3.1",node_id="node-1",spring_id="x"} 3.9
        kafka_producer_node_request_rate{client_id="app-StreamThread-1-producer",kafka_version="4.3.1",node_id="node--1",spring_id="x"} 0.0
        kafka_consumer_node_request_rate{client_id="app-StreamThread-1-consumer",kafka_version="4.3.1",node_id="node-1",spring_id="x"} 87.5
        kafka_consumer_node_request_rate{client_id="app-StreamThread-1-consumer",kafka_version="4.3.1",node_id="node-2147483646",spring_id="x"} 0.3
        kafka_consumer_node_request_rate_other{client_id="not-this"} 1000.0
        kafka_producer_node_request_total{client_id="app-StreamThread-1-producer",node_id="node-1"} 5000.0
        jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.0E7
        """;
    assertThat(Resources.kafkaRequestsPerSecond(metrics)).isCloseTo(117.6 + 3.9 + 87.5 + 0.3, within(1e-9));
    assertThat(Resources.kafkaRequestsPerSecond("jvm_memory_used_bytes{area=\"heap\"} 1.0E7\n")).isZero();
  }
}
