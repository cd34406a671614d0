package com.callcentre.events.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.callcentre.events.infra.internal.ApicurioDistribution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

/**
 * The admins' containers run the versions the tests prove: .env (read by docker compose) pins the
 * Kafka and Apicurio images to the Kafka jars and the Apicurio distribution this build tests with,
 * and docker-compose.yml takes every upstream image's tag from .env, never a literal.
 */
class PinnedVersionsTest {
  private static final Path REPO = Path.of("..");
  private static final Pattern IMAGE = Pattern.compile("^\\s*image:\\s*(\\S+)\\s*$", Pattern.MULTILINE);

  static Map<String, String> dotEnv() throws IOException {
    Map<String, String> vars = new LinkedHashMap<>();
    for (String line : Files.readAllLines(REPO.resolve(".env"))) {
      String t = line.strip();
      if (!t.isEmpty() && !t.startsWith("#")) {
        int eq = t.indexOf('=');
        assertThat(eq).as(".env line '%s' is not NAME=value", line).isPositive();
        vars.put(t.substring(0, eq), t.substring(eq + 1));
      }
    }
    return vars;
  }

  @Test
  void theKafkaAndRegistryImagesAreTheVersionsTheTestsRun() throws IOException {
    Map<String, String> env = dotEnv();
    assertThat(env.get("KAFKA_VERSION")).as("KAFKA_VERSION in .env against the Kafka jars (pom.xml kafka.version)")
        .isEqualTo(AppInfoParser.getVersion());
    assertThat(env.get("APICURIO_VERSION")).as("APICURIO_VERSION in .env against pom.xml apicurio.version")
        .isEqualTo(ApicurioDistribution.version());
  }

  @Test
  void everyUpstreamImageTakesItsTagFromDotEnv() throws IOException {
    Map<String, String> env = dotEnv();
    String compose = Files.readString(REPO.resolve("docker-compose.yml"));
    Matcher m = IMAGE.matcher(compose);
    List<String> images = m.results().map(r -> r.group(1)).toList();
    assertThat(images).contains("apache/kafka:${KAFKA_VERSION}", "apicurio/apicurio-registry:${APICURIO_VERSION}",
        "prom/prometheus:${PROMETHEUS_VERSION}", "grafana/grafana:${GRAFANA_VERSION}");
    for (String image : images) {
      if (image.startsWith("call-events:")) {
        continue; // built from this repository's Dockerfile
      }
      Matcher tag = Pattern.compile(":\\$\\{([A-Z_]+)}$").matcher(image);
      assertThat(tag.find()).as("%s takes its tag from a .env variable", image).isTrue();
      assertThat(env).as("%s: .env defines %s", image, tag.group(1)).containsKey(tag.group(1));
    }
  }
}
