package com.callcentre.events.runtime.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/** A service's declared settings, for {@code --help} and for checking a whole configuration at once. */
public final class Settings {
  private Settings() {}

  /** All the settings of several groups, in order, each once. */
  @SafeVarargs
  public static List<Setting<?>> join(Collection<? extends Setting<?>>... groups) {
    LinkedHashSet<Setting<?>> all = new LinkedHashSet<>();
    for (Collection<? extends Setting<?>> g : groups) {
      all.addAll(g);
    }
    return List.copyOf(all);
  }

  /** The text {@code --help} prints: every setting with its flag, default, what it accepts and what it does. */
  public static String help(String usage, List<Setting<?>> settings) {
    StringBuilder text = new StringBuilder(usage).append("\n\nSettings (environment variable, or --NAME=value):\n");
    for (Setting<?> s : settings) {
      List<String> forms = new ArrayList<>();
      forms.add(s.name());
      if (s.flag() != null) {
        forms.add("--" + s.flag() + (s.isBoolean() ? "" : " VALUE"));
      }
      text.append("  ").append(String.join(", ", forms)).append('\n')
          .append("      ").append(s.doc()).append('\n')
          .append("      default: ").append(s.defaultText().isEmpty() ? "(none)" : s.defaultText())
          .append("; accepts ").append(s.accepts()).append('\n');
    }
    return text.toString();
  }
}
