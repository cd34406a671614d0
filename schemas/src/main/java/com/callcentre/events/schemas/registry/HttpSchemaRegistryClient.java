package com.callcentre.events.schemas.registry;

import com.callcentre.events.schemas.registry.internal.RegistryHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A small client for the Confluent Schema Registry REST API, enough for Avro serdes: register a
 * schema under a subject, fetch a schema by id, and manage a subject's compatibility level.
 *
 * <p>Works unchanged against Confluent Schema Registry, Karapace and Apicurio Registry's
 * {@code /apis/ccompat/v7}. Both lookups are cached for the life of the client: a schema id never
 * changes meaning, and a (subject, schema) pair always maps to the same id. Thread-safe.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {
  private final RegistryHttp http;
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();

  public HttpSchemaRegistryClient(RegistryClientConfig config) {
    this.http = new RegistryHttp(config);
  }

  /**
   * Registers {@code schema} under {@code subject} (a no-op returning the existing id if it is
   * already there) and returns its global id.
   *
   * @throws IncompatibleSchemaException if the subject's compatibility rule refuses it
   */
  @Override
  public int register(String subject, Schema schema) {
    Map<Schema, Integer> ids = idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
    Integer cached = ids.get(schema);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = http.post("/subjects/" + encode(subject) + "/versions", Map.of("schema", schema.toString()));
    int id = requiredInt(answer, "id", "register " + subject);
    ids.put(schema, id);
    schemasById.putIfAbsent(id, schema);
    return id;
  }

  /** Returns the id of {@code schema} under {@code subject} without registering it, if it is there. */
  @Override
  public Optional<Integer> lookup(String subject, Schema schema) {
    Integer cached = idsBySubject.getOrDefault(subject, Map.of()).get(schema);
    if (cached != null) {
      return Optional.of(cached);
    }
    try {
      JsonNode answer = http.post("/subjects/" + encode(subject), Map.of("schema", schema.toString()));
      int id = requiredInt(answer, "id", "lookup " + subject);
      idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).put(schema, id);
      return Optional.of(id);
    } catch (SchemaRegistryException e) {
      if (e.httpStatus() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** The schema a record was written with, by the id in its wire-format header. */
  @Override
  public Schema schemaById(int id) {
    return schemasById.computeIfAbsent(id, this::fetchSchema);
  }

  /** Sets the compatibility level of one subject (PUT /config/{subject}). */
  @Override
  public void setCompatibility(String subject, CompatibilityLevel level) {
    http.put("/config/" + encode(subject), Map.of("compatibility", level.name()));
  }

  /** Asks whether {@code schema} could be registered under {@code subject} given its rule. */
  @Override
  public boolean isCompatibleWithLatest(String subject, Schema schema) {
    JsonNode answer = http.post(
        "/compatibility/subjects/" + encode(subject) + "/versions/latest", Map.of("schema", schema.toString()));
    return answer.path("is_compatible").asBoolean(false);
  }

  private Schema fetchSchema(int id) {
    JsonNode answer = http.get("/schemas/ids/" + id);
    JsonNode text = answer.get("schema");
    if (text == null || !text.isTextual()) {
      throw new SchemaRegistryException("registry answer for schema id " + id + " has no schema: " + answer, 200, 0, null);
    }
    String type = answer.path("schemaType").asText("AVRO");
    if (!"AVRO".equals(type)) {
      throw new SchemaRegistryException("schema id " + id + " is " + type + ", not AVRO", 200, 0, null);
    }
    try {
      return new Schema.Parser().parse(text.asText());
    } catch (RuntimeException e) {
      throw new SchemaRegistryException("registry answer for schema id " + id + " is not a usable Avro schema: " + e, 200, 0, e);
    }
  }

  private static int requiredInt(JsonNode answer, String field, String what) {
    JsonNode value = answer.get(field);
    if (value == null || !value.canConvertToInt()) {
      throw new SchemaRegistryException(what + ": registry answer has no '" + field + "': " + answer, 200, 0, null);
    }
    return value.asInt();
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
