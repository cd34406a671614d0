package com.callcentre.events.dialer.bench;

import com.callcentre.events.dialer.DialerConfig;
import com.callcentre.events.dialer.DialerService;
import com.callcentre.events.dialer.client.InjectorSocket;
import com.callcentre.events.infra.LocalInfra;
import com.callcentre.events.runtime.config.Env;
import com.callcentre.events.schemas.topics.TopicProvisioner;
import com.callcentre.events.schemas.topics.TopicSettings;
import com.callcentre.events.testsupport.BenchArgs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * How long an injector waits for its {@code OK}: one REQ socket sending requests back to back to the
 * 0MQ intake of a real ingest-dialer, against a real broker and registry on loopback. Each
 * round trip includes Kafka's acknowledgement (acks=all, one broker).
 *
 * <pre>bin/bench dialer [requests=5000] [warmup=2000]</pre>
 */
public final class ZmqReplyBenchmark {
  public static void main(String[] args) throws Exception {
    Map<String, String> opts = BenchArgs.parse(args);
    int requests = Integer.parseInt(opts.getOrDefault("requests", "5000"));
    int warmup = Integer.parseInt(opts.getOrDefault("warmup", "2000"));
    Path dir = Files.createTempDirectory("dialer-bench-");
    try (LocalInfra infra = LocalInfra.ephemeral(dir)) {
      TopicProvisioner.ensureAll(infra.bootstrapServers(), TopicSettings.defaults());
      Env env = Env.of(Map.of("KAFKA_BOOTSTRAP_SERVERS", infra.bootstrapServers(), "SCHEMA_REGISTRY_URL", infra.registryUrl(),
          "DIALER_HTTP_PORT", "0", "DIALER_ZMQ_ENDPOINT", "tcp://127.0.0.1:0"));
      try (DialerService dialer = DialerService.start(DialerConfig.from(env));
           ZContext context = new ZContext();
           ZMQ.Socket req = InjectorSocket.connect(context, dialer.zmqEndpoint(), Duration.ofSeconds(10))) {
        roundTrips(req, warmup);
        List<Long> micros = roundTrips(req, requests);
        List<Long> sorted = micros.stream().sorted().toList();
        System.out.printf("dialer 0MQ reply latency, %d requests back to back on one REQ socket after %d warm-up, %d cores:%n"
                + "  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms  (%.0f requests/s)%n",
            requests, warmup, Runtime.getRuntime().availableProcessors(), at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99),
            sorted.get(sorted.size() - 1) / 1e3, requests / (micros.stream().mapToLong(Long::longValue).sum() / 1e6));
      }
    }
  }

  private static List<Long> roundTrips(ZMQ.Socket req, int n) {
    List<Long> micros = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      req.send("{\"connect_num\" : \"4567\",\"event_name_s\" : \"C_OFFERED\",\"n\" : \"" + i + "\"}");
      String reply = req.recvStr();
      if (reply == null || !reply.startsWith("OK ")) {
        throw new IllegalStateException("request " + i + " answered " + reply);
      }
      micros.add((System.nanoTime() - t0) / 1000);
    }
    return micros;
  }

  private static double at(List<Long> sorted, double q) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size()))) / 1e3;
  }
}
