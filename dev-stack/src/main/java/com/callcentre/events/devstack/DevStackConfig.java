package com.callcentre.events.devstack;

import java.nio.file.Path;
import java.util.Map;

/**
 * Settings of the local stack, from command-line flags first, then environment variables, then
 * defaults. Parsed once at start-up; a bad value stops the launcher with a message naming it.
 *
 * @param dataDir       where the broker's logs and the registry's database live (survives restarts)
 * @param wipe          delete {@code dataDir} before starting
 * @param kafkaPort     broker client port
 * @param controllerPort KRaft controller port
 * @param registryPort  schema registry HTTP port
 * @param partitions    partitions per topic when the topics are first created
 * @param edgePort      web edge port (demo page, /event, /ws)
 * @param sampleFeed    run the sample workstation feed through the dialer's 0MQ endpoint
 */
public record DevStackConfig(Path dataDir, boolean wipe, int kafkaPort, int controllerPort, int registryPort, int partitions,
    int edgePort, boolean sampleFeed) {

  static final String USAGE = """
      usage: bin/run [--data-dir DIR] [--wipe] [--kafka-port N] [--controller-port N]
                     [--registry-port N] [--partitions N]
        --data-dir DIR        data folder, kept across restarts   (DEV_STACK_DATA_DIR, default ./data)
        --wipe                delete the data folder first
        --kafka-port N        Kafka client port                   (KAFKA_PORT, default 9092)
        --controller-port N   KRaft controller port               (KAFKA_CONTROLLER_PORT, default 9093)
        --registry-port N     schema registry port                (REGISTRY_PORT, default 8081)
        --partitions N        partitions per topic at creation    (TOPIC_PARTITIONS, default 3)
        --edge-port N         web edge: demo page, /event, /ws    (EDGE_HTTP_PORT, default 8080)
        --no-sample-feed      do not run the sample workstation feed
      Every service variable (DIALER_*, STREAMS_*, EDGE_*) is honoured too; see README.md.
      """;

  public static DevStackConfig parse(String[] args, Map<String, String> env) {
    Path dataDir = Path.of(env.getOrDefault("DEV_STACK_DATA_DIR", "data"));
    boolean wipe = false;
    int kafkaPort = port(env.getOrDefault("KAFKA_PORT", "9092"), "KAFKA_PORT");
    int controllerPort = port(env.getOrDefault("KAFKA_CONTROLLER_PORT", "9093"), "KAFKA_CONTROLLER_PORT");
    int registryPort = port(env.getOrDefault("REGISTRY_PORT", "8081"), "REGISTRY_PORT");
    int partitions = positive(env.getOrDefault("TOPIC_PARTITIONS", "3"), "TOPIC_PARTITIONS");
    int edgePort = port(env.getOrDefault("EDGE_HTTP_PORT", "8080"), "EDGE_HTTP_PORT");
    boolean sampleFeed = true;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      switch (flag) {
        case "--wipe" -> wipe = true;
        case "--data-dir" -> dataDir = Path.of(value(args, ++i, flag));
        case "--kafka-port" -> kafkaPort = port(value(args, ++i, flag), flag);
        case "--controller-port" -> controllerPort = port(value(args, ++i, flag), flag);
        case "--registry-port" -> registryPort = port(value(args, ++i, flag), flag);
        case "--partitions" -> partitions = positive(value(args, ++i, flag), flag);
        case "--edge-port" -> edgePort = port(value(args, ++i, flag), flag);
        case "--no-sample-feed" -> sampleFeed = false;
        default -> throw new IllegalArgumentException("unknown option " + flag + "\n" + USAGE);
      }
    }
    return new DevStackConfig(dataDir, wipe, kafkaPort, controllerPort, registryPort, partitions, edgePort, sampleFeed);
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
    }
    return args[i];
  }

  private static int port(String text, String name) {
    int port = number(text, name);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(name + " must be a port number 0-65535, was " + text);
    }
    return port;
  }

  private static int positive(String text, String name) {
    int n = number(text, name);
    if (n < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, was " + text);
    }
    return n;
  }

  private static int number(String text, String name) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, was '" + text + "'");
    }
  }
}
