package com.callcentre.events.runtime.config;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where settings come from: variables (the process environment), overridden by command-line
 * flags. Services build their config records from it once at start-up through
 * {@link #get(Setting)}, which applies the setting's default and checks.
 *
 * <p>Flags: {@code --NAME=value} for any setting (e.g. {@code --KAFKA_BOOTSTRAP_SERVERS=host:9092},
 * also written {@code --kafka-bootstrap-servers=host:9092}); settings that declare a flag also take
 * {@code --flag value}, and boolean ones the bare {@code --flag} and {@code --no-flag}.
 */
public final class Env {
  private final Map<String, String> values;

  private Env(Map<String, String> values) {
    this.values = values;
  }

  public static Env of(Map<String, String> values) {
    return new Env(Map.copyOf(values));
  }

  /** The process environment overridden by flags, which must name one of {@code known}. */
  public static Env fromProcess(String[] args, List<Setting<?>> known) {
    return fromArgs(args, System.getenv(), known);
  }

  /** {@code variables} overridden by flags, which must name one of {@code known}. */
  public static Env fromArgs(String[] args, Map<String, String> variables, List<Setting<?>> known) {
    Map<String, String> merged = new HashMap<>(variables);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new ConfigException("flags are --NAME=value or --flag value, got '" + arg + "' (see --help)");
      }
      int eq = arg.indexOf('=');
      String word = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
      Optional<Setting<?>> byFlag = known.stream().filter(s -> word.equals(s.flag())).findFirst();
      Optional<Setting<?>> negated = known.stream()
          .filter(s -> s.isBoolean() && s.flag() != null && word.equals("no-" + s.flag())).findFirst();
      String asName = word.replace('-', '_').toUpperCase(Locale.ROOT);
      Optional<Setting<?>> byName = known.stream().filter(s -> s.name().equals(asName)).findFirst();
      Setting<?> setting = byFlag.or(() -> byName).or(() -> negated)
          .orElseThrow(() -> new ConfigException("unknown option --" + word + " (see --help for the settings)"));
      String value;
      if (eq >= 0) {
        value = arg.substring(eq + 1);
      } else if (negated.isPresent() && byFlag.isEmpty()) {
        value = "false";
      } else if (setting.isBoolean()) {
        value = "true";
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new ConfigException("--" + word + " needs a value: " + setting.accepts());
      }
      merged.put(setting.name(), value);
    }
    return new Env(merged);
  }

  /** The setting's value, or its default when unset or blank; a bad value raises a {@link ConfigException}. */
  public <T> T get(Setting<T> setting) {
    String raw = values.get(setting.name());
    if (raw == null || raw.isBlank()) {
      return setting.defaultValue();
    }
    return setting.parse(raw);
  }

  /** Whether the setting was given at all (some defaults depend on others). */
  public boolean isSet(Setting<?> setting) {
    String raw = values.get(setting.name());
    return raw != null && !raw.isBlank();
  }

  /** A copy of these values with some replaced, for a launcher that configures services it runs. */
  public Env with(Map<String, String> overrides) {
    Map<String, String> merged = new HashMap<>(values);
    merged.putAll(overrides);
    return new Env(merged);
  }
}
