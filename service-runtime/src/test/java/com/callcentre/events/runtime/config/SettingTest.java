package com.callcentre.events.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingTest {
  private static final Setting<Duration> TIMEOUT = Setting.duration("X_TIMEOUT", Duration.ofSeconds(30), "a timeout");
  private static final Setting<Integer> PORT = Setting.port("X_PORT", 8080, "a port");
  private static final Setting<Boolean> ON = Setting.bool("X_ON", false, "a switch");
  private static final Setting<Integer> COUNT = Setting.integer("X_COUNT", 3, 1, 10, "a count");

  @ParameterizedTest(name = "{0} is {1} ms")
  @CsvSource({"250, 250", "250ms, 250", "30s, 30000", "5m, 300000", "1h, 3600000", "2d, 172800000", "' 7S ', 7000", "0, 0"})
  void durationsTakeMillisecondsOrAUnit(String text, long millis) {
    assertThat(TIMEOUT.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest(name = "''{0}'' is refused")
  @ValueSource(strings = {"soon", "30 s", "5x", "-5s", "ms", "s", "1.5s"})
  void badDurationsNameTheSettingAndTheForm(String text) {
    assertThatThrownBy(() -> TIMEOUT.parse(text)).isInstanceOf(ConfigException.class)
        .hasMessage("X_TIMEOUT must be a duration like 500ms, 30s or 5m, was '" + text + "'");
  }

  @Test
  void durationsAreFormattedInTheirShortestExactForm() {
    assertThat(Durations.format(Duration.ofMillis(20))).isEqualTo("20ms");
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(Durations.format(Duration.ofHours(1))).isEqualTo("1h");
  }

  @ParameterizedTest
  @CsvSource({"true, true", "YES, true", "on, true", "1, true", "false, false", "no, false", "Off, false", "0, false"})
  void booleansTakeTheUsualWords(String text, boolean value) {
    assertThat(ON.parse(text)).isEqualTo(value);
  }

  @Test
  void aBadBooleanSaysWhatItAccepts() {
    assertThatThrownBy(() -> ON.parse("maybe")).hasMessage("X_ON must be true or false (also yes/no, on/off, 1/0), was 'maybe'");
  }

  @Test
  void numbersAreCheckedAgainstTheirRange() {
    assertThat(COUNT.parse("10")).isEqualTo(10);
    assertThatThrownBy(() -> COUNT.parse("11")).hasMessage("X_COUNT must be a whole number from 1 to 10, was '11'");
    assertThatThrownBy(() -> COUNT.parse("three")).hasMessage("X_COUNT must be a whole number from 1 to 10, was 'three'");
    assertThatThrownBy(() -> PORT.parse("70000")).hasMessage("X_PORT must be a port from 0 to 65535 (0 picks a free one), was '70000'");
  }

  @Test
  void choicesListWhatIsAllowed() {
    Setting<String> mode = Setting.oneOf("X_MODE", "fast", List.of("fast", "safe"), "a mode");
    Setting<Thread.State> state = Setting.choice("X_STATE", Thread.State.class, Thread.State.NEW, "a state");
    assertThat(mode.parse("SAFE")).isEqualTo("safe");
    assertThat(state.parse("timed_waiting")).isEqualTo(Thread.State.TIMED_WAITING);
    assertThatThrownBy(() -> mode.parse("quick")).hasMessage("X_MODE must be one of fast, safe, was 'quick'");
    assertThatThrownBy(() -> state.parse("asleep")).hasMessageStartingWith("X_STATE must be one of new, runnable, blocked");
  }

  @Test
  void listsAndPatternsAreChecked() {
    Setting<List<String>> vdns = Setting.list("X_VDNS", "1,2", Pattern.compile("[0-9]+"), "digits", "vdns");
    assertThat(vdns.defaultValue()).containsExactly("1", "2");
    assertThat(vdns.parse(" 4500, 4501 ,")).containsExactly("4500", "4501");
    assertThatThrownBy(() -> vdns.parse("4500,abc")).hasMessage("X_VDNS must be a comma-separated list of digits, was '4500,abc'");
    assertThatThrownBy(() -> vdns.parse(",")).hasMessageStartingWith("X_VDNS must be");
    Setting<Pattern> regex = Setting.regex("X_RE", Pattern.compile("."), "re");
    assertThatThrownBy(() -> regex.parse("[0-9")).hasMessage("X_RE must be a regular expression, was '[0-9'");
  }

  @Test
  void envAppliesDefaultsForUnsetOrBlankValues() {
    Env env = Env.of(Map.of("X_PORT", "  ", "X_COUNT", "7"));
    assertThat(env.get(PORT)).isEqualTo(8080);
    assertThat(env.get(COUNT)).isEqualTo(7);
    assertThat(env.get(TIMEOUT)).isEqualTo(Duration.ofSeconds(30));
    assertThat(env.isSet(COUNT)).isTrue();
    assertThat(env.isSet(PORT)).isFalse();
  }

  @Test
  void flagsOverrideVariablesInEveryAcceptedForm() {
    List<Setting<?>> known = List.of(TIMEOUT, PORT.withFlag("port"), ON.withFlag("on"), COUNT);
    Env env = Env.fromArgs(new String[] {"--port", "9000", "--X_TIMEOUT=5s", "--x-count=4", "--on"},
        Map.of("X_PORT", "1", "X_COUNT", "2"), known);
    assertThat(env.get(PORT)).isEqualTo(9000);
    assertThat(env.get(TIMEOUT)).isEqualTo(Duration.ofSeconds(5));
    assertThat(env.get(COUNT)).isEqualTo(4);
    assertThat(env.get(ON)).isTrue();
    assertThat(Env.fromArgs(new String[] {"--no-on"}, Map.of("X_ON", "true"), known).get(ON)).isFalse();
  }

  @Test
  void unknownOrIncompleteFlagsAreRefused() {
    List<Setting<?>> known = List.of(PORT.withFlag("port"));
    assertThatThrownBy(() -> Env.fromArgs(new String[] {"--nope=1"}, Map.of(), known))
        .isInstanceOf(ConfigException.class).hasMessageContaining("unknown option --nope");
    assertThatThrownBy(() -> Env.fromArgs(new String[] {"--port"}, Map.of(), known)).hasMessageContaining("--port needs a value");
    assertThatThrownBy(() -> Env.fromArgs(new String[] {"port=1"}, Map.of(), known)).hasMessageContaining("flags are");
  }

  @Test
  void helpListsEverySettingWithItsDefaultAndForm() {
    String help = Settings.help("usage: x", List.of(PORT.withFlag("port"), TIMEOUT));
    assertThat(help).contains("X_PORT, --port VALUE").contains("default: 8080; accepts a port from 0 to 65535")
        .contains("X_TIMEOUT").contains("default: 30s; accepts a duration");
  }
}
