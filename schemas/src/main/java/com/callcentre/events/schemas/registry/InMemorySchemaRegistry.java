package com.callcentre.events.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * A registry held in memory, for tests without a registry server ({@code schema.registry.url=mock://name}).
 * Ids are global within a scope; BACKWARD and BACKWARD_TRANSITIVE are enforced like a real registry.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {
  private static final Map<String, InMemorySchemaRegistry> SCOPES = new ConcurrentHashMap<>();

  private final List<Schema> schemas = new ArrayList<>();
  private final Map<String, List<Schema>> subjects = new ConcurrentHashMap<>();
  private final Map<String, CompatibilityLevel> levels = new ConcurrentHashMap<>();

  public static InMemorySchemaRegistry scope(String name) {
    return SCOPES.computeIfAbsent(name, n -> new InMemorySchemaRegistry());
  }

  @Override
  public synchronized int register(String subject, Schema schema) {
    Optional<Integer> existing = lookup(subject, schema);
    if (existing.isPresent()) {
      return existing.get();
    }
    List<Schema> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
    if (!versions.isEmpty() && !isCompatible(subject, schema, versions)) {
      throw new IncompatibleSchemaException("schema for " + subject + " is incompatible with an earlier version", 409);
    }
    int id = schemas.indexOf(schema);
    if (id < 0) {
      schemas.add(schema);
      id = schemas.size() - 1;
    }
    versions.add(schema);
    return id + 1;
  }

  @Override
  public synchronized Optional<Integer> lookup(String subject, Schema schema) {
    if (!subjects.getOrDefault(subject, List.of()).contains(schema)) {
      return Optional.empty();
    }
    return Optional.of(schemas.indexOf(schema) + 1);
  }

  @Override
  public synchronized Schema schemaById(int id) {
    if (id < 1 || id > schemas.size()) {
      throw new SchemaRegistryException("schema id " + id + " not found", 404, 40403, null);
    }
    return schemas.get(id - 1);
  }

  @Override
  public void setCompatibility(String subject, CompatibilityLevel level) {
    levels.put(subject, level);
  }

  @Override
  public synchronized boolean isCompatibleWithLatest(String subject, Schema schema) {
    List<Schema> versions = subjects.getOrDefault(subject, List.of());
    return versions.isEmpty() || isCompatible(subject, schema, versions);
  }

  private boolean isCompatible(String subject, Schema schema, List<Schema> versions) {
    CompatibilityLevel level = levels.getOrDefault(subject, CompatibilityLevel.NONE);
    List<Schema> against = switch (level) {
      case NONE -> List.of();
      case BACKWARD_TRANSITIVE, FULL_TRANSITIVE, FORWARD_TRANSITIVE -> versions;
      default -> List.of(versions.get(versions.size() - 1));
    };
    return against.stream().allMatch(old -> SchemaCompatibility.checkReaderWriterCompatibility(schema, old)
        .getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
  }
}
