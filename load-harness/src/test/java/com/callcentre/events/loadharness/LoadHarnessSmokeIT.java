package com.callcentre.events.loadharness;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/bench smoke} as bin/test runs it, so the harness cannot rot: the whole pipeline in
 * its own JVMs, two edges on one port, 300 subscribers of all three protocols from two client
 * processes on two source addresses, load from the simulator and the dialer, and every figure of
 * the summary. Latency is not judged here (a cold JVM's seconds); correctness is.
 */
class LoadHarnessSmokeIT {
  @Test
  void theSmokeScenarioHoldsEveryoneAndDeliversEveryEventOnceInOrder(@TempDir Path out) throws Exception {
    BenchConfig config = BenchConfig.parse(new String[] {"smoke", "out=" + out});
    BenchMain.run(config, "bin/bench smoke");

    JsonObject s = new JsonObject(Files.readString(out.resolve("smoke.json")));
    assertThat(s.getInteger("held")).isEqualTo(300);
    assertThat(s.getInteger("edges")).isEqualTo(2);
    assertThat(s.getJsonObject("holding").getJsonObject("held_by_protocol"))
        .isEqualTo(new JsonObject().put("longpoll", 100).put("websocket", 100).put("sse", 100));
    assertThat(s.getLong("rss_bytes_per_connection")).isPositive();
    JsonObject latency = s.getJsonObject("latency_ms");
    assertThat(latency.getLong("count")).isPositive();
    assertThat(latency.getDouble("p50")).isPositive().isLessThanOrEqualTo(latency.getDouble("p99"));
    assertThat(latency.getDouble("p99")).isLessThanOrEqualTo(latency.getDouble("p999"));
    assertThat(latency.getDouble("p999")).isLessThanOrEqualTo(latency.getDouble("max"));
    assertThat(s.getJsonObject("latency_by_protocol_ms").fieldNames()).containsExactlyInAnyOrder("longpoll", "websocket", "sse");
    assertThat(s.getJsonObject("latency_by_part_ms").getJsonObject("edge_to_client").getLong("count")).isPositive();
    assertThat(s.getLong("order_violations")).isZero();
    assertThat(s.getLong("missing")).isZero();
    assertThat(s.getLong("duplicates")).isZero();
    assertThat(s.getLong("subscribers_checked")).isEqualTo(300);
    assertThat(s.getJsonObject("dialer").getLong("refused")).isZero();
    JsonObject resources = s.getJsonObject("resources");
    assertThat(resources.getJsonObject("processes").fieldNames())
        .contains("kafka-broker", "schema-registry", "ingest-dialer", "streams-app", "web-edge-1", "web-edge-2",
            "bench-client-1", "bench-client-2");
    assertThat(resources.getJsonObject("cpu_seconds_per_1000_events").getDouble("streams-app")).isPositive();
    JsonObject kafka = s.getJsonObject("kafka");
    assertThat(kafka.getLong("input_events")).isPositive();
    assertThat(kafka.getJsonObject("bytes_per_input_event_by_topic").getLong("extension-events.v1")).isPositive();
    assertThat(kafka.getDouble("written_over_input")).isGreaterThan(1.0);
    assertThat(out.resolve("smoke.png")).isNotEmptyFile();
    // Nothing left running: every child of this JVM the run started has ended.
    assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)).isEmpty();
  }
}
