package com.callcentre.events.testsupport;

import com.callcentre.events.infra.LocalInfra;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One broker and one registry per test JVM, started on first use and stopped when the JVM ends.
 * Tests take it as a parameter:
 *
 * <pre>
 *   {@literal @}ExtendWith(SharedInfra.class)
 *   class SomethingIT {
 *     {@literal @}Test void works(LocalInfra infra) { ... }
 *   }
 * </pre>
 *
 * Tests share the broker, so each one uses its own topics or keys.
 */
public final class SharedInfra implements ParameterResolver {
  private static LocalInfra instance;

  public static synchronized LocalInfra get() {
    if (instance == null) {
      try {
        Path dir = Files.createTempDirectory("call-events-it-");
        LocalInfra started = LocalInfra.ephemeral(dir);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          started.close();
          deleteRecursively(dir);
        }, "stop-shared-infra"));
        instance = started;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  private static void deleteRecursively(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temp folder left behind is harmless
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalInfra.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return get();
  }
}
