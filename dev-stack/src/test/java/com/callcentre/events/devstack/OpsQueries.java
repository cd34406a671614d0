package com.callcentre.events.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Every PromQL query in ops/: the Grafana dashboards' panel targets and the alert rules' expressions. */
final class OpsQueries {
  /** {@code where}: "overview.json: Consumer lag" or "alerts.yml: StreamsAppLagging". */
  record Query(String where, String expr) {}

  private OpsQueries() {}

  static List<Query> all(Path ops) throws IOException {
    List<Query> queries = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.list(ops.resolve("grafana").resolve("dashboards"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        for (JsonNode panel : json.readTree(file.toFile()).path("panels")) {
          for (JsonNode target : panel.path("targets")) {
            queries.add(new Query(file.getFileName() + ": " + panel.path("title").asText(), target.path("expr").asText()));
          }
        }
      }
    }
    JsonNode rules = new YAMLMapper().readTree(ops.resolve("prometheus").resolve("alerts.yml").toFile());
    for (JsonNode group : rules.path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        queries.add(new Query("alerts.yml: " + rule.path("alert").asText(rule.path("record").asText()), rule.path("expr").asText()));
      }
    }
    return queries;
  }
}
