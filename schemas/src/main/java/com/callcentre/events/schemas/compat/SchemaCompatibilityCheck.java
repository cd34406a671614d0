package com.callcentre.events.schemas.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Build-time guard for consumers of the topics: every schema in the source folder must be able to
 * read data written with each published version of it (backward compatibility, transitively),
 * the same rule a registry set to BACKWARD_TRANSITIVE enforces.
 *
 * <p>Published versions live in {@code avro-history/<full name>/v<N>.avsc}, as the registry holds
 * them (self-contained). {@code snapshot} adds the current schema as the next version when it changed.
 *
 * <pre>
 *   SchemaCompatibilityCheck check    src/main/avro src/main/avro-history
 *   SchemaCompatibilityCheck snapshot src/main/avro src/main/avro-history
 * </pre>
 */
public final class SchemaCompatibilityCheck {
  private SchemaCompatibilityCheck() {}

  public static void main(String[] args) {
    if (args.length != 3 || !(args[0].equals("check") || args[0].equals("snapshot"))) {
      throw new IllegalArgumentException("usage: SchemaCompatibilityCheck check|snapshot <schema dir> <history dir>");
    }
    Path current = Path.of(args[1]);
    Path history = Path.of(args[2]);
    if (args[0].equals("snapshot")) {
      snapshot(current, history).forEach(p -> System.out.println("[schema-compat] recorded " + p));
      return;
    }
    Result result = check(current, history);
    result.notes().forEach(n -> System.out.println("[schema-compat] note: " + n));
    if (!result.problems().isEmpty()) {
      throw new IllegalStateException("Schema change is not backward compatible:\n  - "
          + String.join("\n  - ", result.problems())
          + "\nConsumers still read older records with the new schema. Add fields with defaults instead,"
          + " or publish a new topic version.");
    }
    System.out.println("[schema-compat] " + result.checkedPairs() + " schema/version pairs backward compatible");
  }

  /** Problems found (empty when compatible), plus notes that do not fail the build. */
  public record Result(List<String> problems, List<String> notes, int checkedPairs) {}

  public static Result check(Path currentDir, Path historyDir) {
    Map<String, Schema> current = SchemaFiles.load(currentDir);
    List<String> problems = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    int pairs = 0;
    for (Path subjectDir : subjectDirs(historyDir)) {
      String name = subjectDir.getFileName().toString();
      Schema reader = current.get(name);
      if (reader == null) {
        problems.add(name + " was published but is no longer defined in " + currentDir);
        continue;
      }
      List<Path> versions = SchemaFiles.list(subjectDir);
      for (Path version : versions) {
        Schema writer = new Schema.Parser().parse(SchemaFiles.read(version));
        pairs++;
        var compatibility = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
        if (compatibility.getCompatibility() != SchemaCompatibilityType.COMPATIBLE) {
          for (Incompatibility i : compatibility.getIncompatibilities()) {
            problems.add(name + " cannot read " + version.getFileName() + ": " + i.getType()
                + " at " + i.getLocation() + " (" + i.getMessage() + ")");
          }
        }
      }
      if (!versions.isEmpty() && !reader.equals(latest(versions))) {
        notes.add(name + " differs from its latest published version; run the snapshot when releasing it");
      }
    }
    for (String name : current.keySet()) {
      if (!Files.isDirectory(historyDir.resolve(name))) {
        notes.add(name + " has no published version yet");
      }
    }
    return new Result(problems, notes, pairs);
  }

  /** Records each changed or new schema as its next version; returns the files written. */
  public static List<Path> snapshot(Path currentDir, Path historyDir) {
    List<Path> written = new ArrayList<>();
    for (var entry : SchemaFiles.load(currentDir).entrySet()) {
      Path dir = historyDir.resolve(entry.getKey());
      List<Path> versions = SchemaFiles.list(dir);
      if (!versions.isEmpty() && latest(versions).equals(entry.getValue())) {
        continue;
      }
      Path file = dir.resolve("v" + (versions.size() + 1) + ".avsc");
      try {
        Files.createDirectories(dir);
        Files.writeString(file, entry.getValue().toString(true) + "\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      written.add(file);
    }
    return written;
  }

  private static Schema latest(List<Path> versions) {
    Path newest = versions.stream()
        .max((a, b) -> Integer.compare(versionNumber(a), versionNumber(b)))
        .orElseThrow();
    return new Schema.Parser().parse(SchemaFiles.read(newest));
  }

  private static int versionNumber(Path file) {
    String name = file.getFileName().toString();
    try {
      return Integer.parseInt(name.substring(1, name.length() - ".avsc".length()));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("history file must be named v<N>.avsc: " + file);
    }
  }

  private static List<Path> subjectDirs(Path historyDir) {
    if (!Files.isDirectory(historyDir)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(historyDir)) {
      return dirs.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
