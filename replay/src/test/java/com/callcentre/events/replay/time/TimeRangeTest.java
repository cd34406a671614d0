package com.callcentre.events.replay.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.callcentre.events.replay.ExitCode;
import com.callcentre.events.replay.ReplayException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeRangeTest {
  /** 2026-11-23 12:00 in Denver (19:00 UTC). */
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T19:00:00Z"), ZoneId.of("America/Denver"));

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "10:02, 2026-11-23T17:02:00Z",
      "10:02:30, 2026-11-23T17:02:30Z",
      "2026-11-22T10:02, 2026-11-22T17:02:00Z",
      "'2026-11-22 10:02', 2026-11-22T17:02:00Z",
      "2026-11-22T10:02:00Z, 2026-11-22T10:02:00Z",
      "2026-11-22T10:02:00+01:00, 2026-11-22T09:02:00Z",
      "now, 2026-11-23T19:00:00Z",
      "-15m, 2026-11-23T18:45:00Z",
      "-2h, 2026-11-23T17:00:00Z",
      "-1d, 2026-11-22T19:00:00Z",
      "-90s, 2026-11-23T18:58:30Z"})
  void everyFormAnEngineerTypesIsUnderstood(String text, String instant) {
    assertThat(TimeRange.parseTime(text, "--from", CLOCK)).isEqualTo(Instant.parse(instant));
  }

  @Test
  void aTimeThatIsNotOneNamesTheOptionAndTheForms() {
    assertThatThrownBy(() -> TimeRange.parseTime("yesterday", "--to", CLOCK)).isInstanceOf(ReplayException.class)
        .hasMessageStartingWith("--to 'yesterday' is not a time: use 10:02")
        .satisfies(e -> assertThat(((ReplayException) e).exitCode()).isEqualTo(ExitCode.USAGE));
    assertThatThrownBy(() -> TimeRange.parseTime("-15x", "--from", CLOCK)).hasMessageContaining("is not a time");
  }

  @Test
  void anEmptyOrBackwardsRangeIsRefused() {
    assertThatThrownBy(() -> TimeRange.parse("10:05", "10:02", CLOCK)).hasMessageContaining("the time range is empty");
    assertThatThrownBy(() -> TimeRange.parse("10:02", "10:02", CLOCK)).hasMessageContaining("the time range is empty");
  }

  @Test
  void theRangeIsHalfOpenAndCanBeWidened() {
    TimeRange r = TimeRange.parse("10:02", "10:05", CLOCK);
    assertThat(r.contains(r.from().toEpochMilli())).isTrue();
    assertThat(r.contains(r.to().toEpochMilli())).isFalse();
    assertThat(r.widen(Duration.ofMinutes(1)).from()).isEqualTo(Instant.parse("2026-11-23T17:01:00Z"));
  }
}
