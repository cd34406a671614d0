package com.callcentre.events.runtime.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One configuration setting, declared once: its variable name, type, default, what it accepts
 * and what it is for (as Kafka's {@code ConfigDef} declares each key). Services list their
 * settings beside their config record; {@link Env#get} reads and checks a value, and
 * {@link Settings#help} prints the table a {@code --help} shows.
 *
 * @param <T> the parsed type
 */
public final class Setting<T> {
  private final String name;
  private final String flag;
  private final T defaultValue;
  private final String defaultText;
  private final String accepts;
  private final Function<String, T> parser;
  private final Predicate<T> check;
  private final String doc;

  private Setting(String name, String flag, T defaultValue, String defaultText, String accepts,
      Function<String, T> parser, Predicate<T> check, String doc) {
    if (!name.matches("[A-Z][A-Z0-9_]*")) {
      throw new IllegalArgumentException("setting names are UPPER_SNAKE_CASE, got " + name);
    }
    this.name = name;
    this.flag = flag;
    this.defaultValue = defaultValue;
    this.defaultText = defaultText;
    this.accepts = accepts;
    this.parser = parser;
    this.check = check;
    this.doc = doc;
  }

  private static <T> Setting<T> of(String name, T defaultValue, String accepts, Function<String, T> parser, String doc) {
    return new Setting<>(name, null, defaultValue, String.valueOf(defaultValue), accepts, parser, v -> true, doc);
  }

  /** Free text; blank counts as not set. */
  public static Setting<String> text(String name, String defaultValue, String doc) {
    return of(name, defaultValue, "text", s -> s, doc);
  }

  public static Setting<Integer> integer(String name, int defaultValue, int min, int max, String doc) {
    String accepts = max == Integer.MAX_VALUE ? "a whole number of at least " + min : "a whole number from " + min + " to " + max;
    return of(name, defaultValue, accepts, Integer::parseInt, doc).check(v -> v >= min && v <= max, accepts);
  }

  public static Setting<Integer> port(String name, int defaultValue, String doc) {
    return integer(name, defaultValue, 0, 65535, doc).check(v -> true, "a port from 0 to 65535 (0 picks a free one)");
  }

  public static Setting<Boolean> bool(String name, boolean defaultValue, String doc) {
    return of(name, defaultValue, "true or false (also yes/no, on/off, 1/0)", Setting::parseBoolean, doc);
  }

  /** Milliseconds as a number ({@code 250}) or with a unit ({@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}). */
  public static Setting<Duration> duration(String name, Duration defaultValue, String doc) {
    return new Setting<>(name, null, defaultValue, Durations.format(defaultValue), "a duration like 500ms, 30s or 5m",
        Durations::parse, d -> !d.isNegative(), doc);
  }

  /** One of a fixed set of words, matched without regard to case. */
  public static Setting<String> oneOf(String name, String defaultValue, List<String> allowed, String doc) {
    String accepts = "one of " + String.join(", ", allowed);
    return of(name, defaultValue, accepts, s -> allowed.stream().filter(a -> a.equalsIgnoreCase(s)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(accepts)), doc);
  }

  /** An enum constant, written in any case ({@code replace_thread} for {@code REPLACE_THREAD}). */
  public static <E extends Enum<E>> Setting<E> choice(String name, Class<E> type, E defaultValue, String doc) {
    String accepts = "one of " + Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
    return new Setting<>(name, null, defaultValue, defaultValue.name().toLowerCase(Locale.ROOT), accepts,
        s -> Enum.valueOf(type, s.toUpperCase(Locale.ROOT)), v -> true, doc);
  }

  public static Setting<Pattern> regex(String name, Pattern defaultValue, String doc) {
    return of(name, defaultValue, "a regular expression", Pattern::compile, doc);
  }

  /** A comma-separated list whose items each match {@code item}; at least one item. */
  public static Setting<List<String>> list(String name, String defaultValue, Pattern item, String itemDescription, String doc) {
    String accepts = "a comma-separated list of " + itemDescription;
    Function<String, List<String>> parser = s -> {
      List<String> items = Arrays.stream(s.split(",")).map(String::trim).filter(i -> !i.isEmpty()).toList();
      if (items.isEmpty() || !items.stream().allMatch(i -> item.matcher(i).matches())) {
        throw new IllegalArgumentException(accepts);
      }
      return items;
    };
    return new Setting<>(name, null, parser.apply(defaultValue), defaultValue, accepts, parser, v -> true, doc);
  }

  /** The same setting, also given on the command line as {@code --flag value} (bin/run's style). */
  public Setting<T> withFlag(String flagName) {
    return new Setting<>(name, flagName, defaultValue, defaultText, accepts, parser, check, doc);
  }

  /** The same setting, further restricted; {@code accepts} replaces the description of what it takes. */
  public Setting<T> check(Predicate<T> condition, String acceptsNow) {
    return new Setting<>(name, flag, defaultValue, defaultText, acceptsNow, parser, check.and(condition), doc);
  }

  /** The value a setting has when nothing sets it; shown in help. */
  public Setting<T> describedDefault(String text) {
    return new Setting<>(name, flag, defaultValue, text, accepts, parser, check, doc);
  }

  /** Parses a raw value; a bad one raises a {@link ConfigException} naming this setting and what it accepts. */
  public T parse(String raw) {
    T value;
    try {
      value = parser.apply(raw.trim());
    } catch (IllegalArgumentException e) { // also NumberFormatException, PatternSyntaxException
      throw refused(raw);
    }
    if (value == null || !check.test(value)) {
      throw refused(raw);
    }
    return value;
  }

  private ConfigException refused(String raw) {
    return new ConfigException(name + " must be " + accepts + ", was '" + raw + "'");
  }

  public String name() {
    return name;
  }

  /** The command-line flag without dashes, if the setting has one. */
  public String flag() {
    return flag;
  }

  public T defaultValue() {
    return defaultValue;
  }

  public String defaultText() {
    return defaultText;
  }

  public String accepts() {
    return accepts;
  }

  public String doc() {
    return doc;
  }

  public boolean isBoolean() {
    return defaultValue instanceof Boolean;
  }

  private static boolean parseBoolean(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new IllegalArgumentException(value);
    };
  }

  @Override
  public String toString() {
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Setting<?> s && s.name.equals(name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name);
  }
}
