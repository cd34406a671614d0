package com.callcentre.events.edge.bench;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.EventSource;
import com.callcentre.events.avro.ExtensionState;
import com.callcentre.events.edge.EdgeConfig;
import com.callcentre.events.edge.EdgeService;
import com.callcentre.events.edge.state.ExtensionStateReplica;
import com.callcentre.events.runtime.config.Env;
import com.callcentre.events.edge.state.Sequenced;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The edge under load, alone in its JVM so its memory can be read from /proc: a replica with
 * N extensions fed directly (no Kafka), and one new event for every extension each time the
 * benchmark drops a trigger file.
 *
 * <p>Arguments: port, extensions, trigger folder.
 */
public final class EdgeLoadTarget {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int extensions = Integer.parseInt(args[1]);
    Path triggers = Path.of(args[2]);
    ExtensionStateReplica replica = new ExtensionStateReplica();
    for (int i = 0; i < extensions; i++) {
      append(replica, ext(i));
    }
    EdgeConfig config = config(port);
    EdgeService.start(config, Vertx.vertx(config.vertxOptions()), true, replica, null); // epoll, as EdgeMain runs it
    System.out.println("READY");
    for (int round = 1; ; round++) {
      Path trigger = triggers.resolve("fire-" + round);
      while (!Files.exists(trigger)) {
        Thread.sleep(20);
      }
      for (int i = 0; i < extensions; i++) {
        append(replica, ext(i));
      }
      System.out.println("FIRED " + round);
    }
  }

  /** The edge's settings under load; {@link FloorTarget} serves with the same. */
  static EdgeConfig config(int port) {
    return EdgeConfig.from(Env.of(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1",
        "SCHEMA_REGISTRY_URL", "http://127.0.0.1:1", "EDGE_HTTP_PORT", Integer.toString(port), "EDGE_LONG_POLL_TIMEOUT", "5m",
        "EDGE_MAX_CONNECTIONS", "1000000", "EDGE_EVENT_LOOPS", "2", "EDGE_ACCESS", "open")));
  }

  static String ext(int i) {
    return Integer.toString(100_000 + i);
  }

  private static void append(ExtensionStateReplica replica, String ext) {
    Sequenced.append(replica, Sequenced.call(ext, "C_CONNECTED", null));
  }
}
