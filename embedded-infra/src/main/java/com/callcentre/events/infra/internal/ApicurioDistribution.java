package com.callcentre.events.infra.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Finds the Apicurio Registry server distribution ({@code io.apicurio:apicurio-registry-app},
 * classifier {@code all}, a tar.gz on Maven Central that the embedded-infra build fetches into the
 * local Maven repository) and unpacks it once into a cache folder.
 *
 * <p>Overrides: {@code APICURIO_HOME} (an unpacked distribution), {@code APICURIO_DIST} (the
 * archive), {@code maven.repo.local} (where the local repository is).
 */
public final class ApicurioDistribution {
  private ApicurioDistribution() {}

  public static String version() {
    Properties props = new Properties();
    try (InputStream in = ApicurioDistribution.class.getResourceAsStream("/com/callcentre/events/infra/versions.properties")) {
      props.load(in);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("versions.properties missing from embedded-infra", e);
    }
    return props.getProperty("apicurio.version");
  }

  /** The folder holding {@code quarkus-run.jar}, unpacking the archive on first use. */
  public static Path home() {
    String explicit = System.getenv("APICURIO_HOME");
    if (explicit != null && !explicit.isBlank()) {
      return requireRunJar(Path.of(explicit));
    }
    String version = version();
    Path target = cacheRoot().resolve("apicurio-registry-" + version);
    if (Files.exists(target.resolve("quarkus-run.jar"))) {
      return target;
    }
    unpack(archive(version), target);
    return requireRunJar(target);
  }

  static Path archive(String version) {
    String explicit = System.getenv("APICURIO_DIST");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String repo = System.getProperty("maven.repo.local",
        Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
    Path archive = Path.of(repo, "io", "apicurio", "apicurio-registry-app", version,
        "apicurio-registry-app-" + version + "-all.tar.gz");
    if (!Files.exists(archive)) {
      throw new IllegalStateException("Apicurio Registry distribution not found at " + archive
          + ". Build the embedded-infra module once (mvn -pl embedded-infra package) to fetch it from Maven Central,"
          + " or set APICURIO_DIST to the archive.");
    }
    return archive;
  }

  private static Path cacheRoot() {
    String override = System.getenv("CALL_EVENTS_CACHE");
    return override != null && !override.isBlank() ? Path.of(override)
        : Path.of(System.getProperty("user.home"), ".cache", "call-events");
  }

  /** Unpacks into a temporary sibling and renames it, so a half-unpacked folder is never used. */
  private static synchronized void unpack(Path archive, Path target) {
    if (Files.exists(target.resolve("quarkus-run.jar"))) {
      return;
    }
    try {
      Files.createDirectories(target.getParent());
      Path staging = Files.createTempDirectory(target.getParent(), target.getFileName() + ".unpacking-");
      try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
           TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
          Path out = staging.resolve(entry.getName()).normalize();
          if (!out.startsWith(staging)) {
            throw new IOException("archive entry escapes the target folder: " + entry.getName());
          }
          if (entry.isDirectory()) {
            Files.createDirectories(out);
          } else {
            Files.createDirectories(out.getParent());
            Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException raced) {
        if (!Files.exists(target.resolve("quarkus-run.jar"))) {
          throw raced;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack " + archive + " into " + target, e);
    }
  }

  private static Path requireRunJar(Path home) {
    if (!Files.exists(home.resolve("quarkus-run.jar"))) {
      throw new IllegalStateException(home + " is not an Apicurio Registry distribution (no quarkus-run.jar)");
    }
    return home;
  }
}
