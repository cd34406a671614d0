package com.callcentre.events.infra.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Runs in the broker's child JVM: formats the log directory on first start (as
 * {@code kafka-storage.sh format} would), then hands over to Kafka's own {@code kafka.Kafka} main.
 *
 * <p>Arguments: the server properties file and the cluster id.
 */
public final class KafkaBrokerMain {
  private KafkaBrokerMain() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: KafkaBrokerMain <server.properties> <cluster id>");
    }
    Path config = Path.of(args[0]);
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(config)) {
      props.load(reader);
    }
    Path logDir = Path.of(props.getProperty("log.dirs"));
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      int rc = kafka.tools.StorageTool.execute(
          new String[] {"format", "--cluster-id", args[1], "--config", config.toString(), "--ignore-formatted"},
          System.out);
      if (rc != 0) {
        System.err.println("formatting " + logDir + " failed with code " + rc);
        System.exit(rc);
      }
    }
    kafka.Kafka.main(new String[] {config.toString()});
  }
}
