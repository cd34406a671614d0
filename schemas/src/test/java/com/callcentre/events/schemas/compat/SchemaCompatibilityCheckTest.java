package com.callcentre.events.schemas.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaCompatibilityCheckTest {
  private static final Path FIXTURES = Path.of("src/test/resources/compat");
  private static final Path HISTORY = FIXTURES.resolve("history");

  @Test
  void addingAnOptionalFieldWithADefaultIsCompatible() {
    var result = SchemaCompatibilityCheck.check(FIXTURES.resolve("compatible"), HISTORY);

    assertThat(result.problems()).isEmpty();
    assertThat(result.checkedPairs()).isEqualTo(1);
    assertThat(result.notes()).anyMatch(n -> n.contains("com.example.Agent differs from its latest published version"));
  }

  @Test
  void changingATypeOrAddingARequiredFieldIsReportedWithWhereAndWhy() {
    var result = SchemaCompatibilityCheck.check(FIXTURES.resolve("incompatible"), HISTORY);

    assertThat(result.problems()).hasSize(2);
    assertThat(result.problems()).anySatisfy(p -> assertThat(p)
        .contains("com.example.Agent cannot read v1.avsc").contains("TYPE_MISMATCH").contains("/fields/0/type"));
    assertThat(result.problems()).anySatisfy(p -> assertThat(p)
        .contains("READER_FIELD_MISSING_DEFAULT").contains("skill_level"));
  }

  @Test
  void removingAPublishedSchemaIsAProblem() {
    var result = SchemaCompatibilityCheck.check(FIXTURES.resolve("renamed"), HISTORY);

    assertThat(result.problems()).containsExactly(
        "com.example.Agent was published but is no longer defined in " + FIXTURES.resolve("renamed"));
  }

  /** The build runs exactly this entry point; an exception from it fails the build. */
  @Test
  void theBuildStepFailsWithAReadableMessageOnAnIncompatibleChange() {
    assertThatThrownBy(() -> SchemaCompatibilityCheck.main(new String[] {
        "check", FIXTURES.resolve("incompatible").toString(), HISTORY.toString()}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Schema change is not backward compatible:")
        .hasMessageContaining("reader type: LONG not compatible with writer type: STRING")
        .hasMessageContaining("Add fields with defaults instead");
  }

  @Test
  void theProjectsOwnSchemasAreCompatibleWithEveryPublishedVersion() {
    var result = SchemaCompatibilityCheck.check(Path.of("src/main/avro"), Path.of("src/main/avro-history"));

    assertThat(result.problems()).isEmpty();
    assertThat(result.checkedPairs()).isGreaterThanOrEqualTo(5);
  }

  @Test
  void snapshotRecordsOnlyChangedSchemasAsTheNextVersion(@TempDir Path history) throws Exception {
    Path agentDir = history.resolve("com.example.Agent");
    Files.createDirectories(agentDir);
    Files.copy(HISTORY.resolve("com.example.Agent/v1.avsc"), agentDir.resolve("v1.avsc"));

    var written = SchemaCompatibilityCheck.snapshot(FIXTURES.resolve("compatible"), history);

    assertThat(written).containsExactlyInAnyOrder(agentDir.resolve("v2.avsc"), history.resolve("com.example.Team/v1.avsc"));
    assertThat(Files.readString(agentDir.resolve("v2.avsc"))).contains("\"team\"").contains("\"name\" : \"Team\"");
    assertThat(problemsAgainst(history)).isEmpty();
    assertThat(SchemaCompatibilityCheck.snapshot(FIXTURES.resolve("compatible"), history)).isEmpty();
  }

  private static java.util.List<String> problemsAgainst(Path history) {
    return SchemaCompatibilityCheck.check(FIXTURES.resolve("compatible"), history).problems();
  }
}
