package com.callcentre.events.schemas.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.SchemaParseException;

/** Loads a folder of {@code .avsc} files whose records refer to each other by name. */
final class SchemaFiles {
  private SchemaFiles() {}

  /** Every file's top-level schema by full name, whatever order the files reference each other in. */
  static Map<String, Schema> load(Path dir) {
    List<Path> pending = new ArrayList<>(list(dir));
    List<String> ordered = new ArrayList<>();
    while (!pending.isEmpty()) {
      SchemaParseException lastFailure = null;
      boolean progress = false;
      for (var it = pending.iterator(); it.hasNext(); ) {
        Path file = it.next();
        String text = read(file);
        try {
          parserWith(ordered).parse(text);
          ordered.add(text);
          it.remove();
          progress = true;
        } catch (AvroRuntimeException e) {
          // Avro 1.12 reports a reference to a type defined in a file not yet parsed as
          // AvroTypeException, malformed JSON as SchemaParseException: retry both next round.
          lastFailure = new SchemaParseException(file + ": " + e.getMessage());
        }
      }
      if (!progress) {
        throw lastFailure;
      }
    }
    Schema.Parser parser = new Schema.Parser();
    Map<String, Schema> byName = new LinkedHashMap<>();
    for (String text : ordered) {
      Schema schema = parser.parse(text);
      byName.put(schema.getFullName(), schema);
    }
    return byName;
  }

  static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Schema.Parser parserWith(List<String> known) {
    Schema.Parser parser = new Schema.Parser();
    known.forEach(parser::parse);
    return parser;
  }
}
