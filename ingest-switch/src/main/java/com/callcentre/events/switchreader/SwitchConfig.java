package com.callcentre.events.switchreader;

import com.callcentre.events.runtime.config.Env;
import com.callcentre.events.runtime.config.Setting;
import com.callcentre.events.runtime.config.Settings;
import com.callcentre.events.runtime.kafka.KafkaSettings;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Settings of the switch reader, read once at start-up; each is declared below with its default,
 * what it accepts and what it does ({@code --help} prints them).
 */
public record SwitchConfig(KafkaSettings kafka, String library, String layout, String server, String nodeId,
    List<String> vdns, Duration reconnectFirst, Duration reconnectMax, Duration healthyReset, String httpHost, int httpPort) {

  public static final Setting<String> LIBRARY = Setting.text("ASAI_LIBRARY", "asaisim",
      "the CVLAN client library, by name or path (asaisim is the bundled simulator; cvlancli or "
          + "/opt/cvlan/lib/libcvlancli.so at a site)");
  public static final Setting<String> LAYOUT = Setting.text("ASAI_LAYOUT", "classpath:asai/layouts/simulator-lp64.properties",
      "layout descriptor file made by the layout probe, or classpath:...");
  public static final Setting<String> SERVER = Setting.text("CVLAN_SERVER", "127.0.0.1",
      "the CVLAN server address given to asai_open");
  public static final Setting<String> NODE = Setting.text("CVLAN_NODE", "1", "the node id set with asai_set_env(C_NODE_ID)");
  public static final Setting<List<String>> VDNS = Setting.list("SWITCH_VDNS", "4500,4501,4502",
      Pattern.compile("[0-9]{1,16}"), "VDN digits", "the VDNs to follow, one reader thread each");
  public static final Setting<Duration> RECONNECT_INITIAL = Setting.duration("SWITCH_RECONNECT_INITIAL", Duration.ofSeconds(1),
      "first wait after a link failure; doubles up to SWITCH_RECONNECT_MAX")
      .check(d -> !d.isZero(), "a positive duration like 1s");
  public static final Setting<Duration> RECONNECT_MAX = Setting.duration("SWITCH_RECONNECT_MAX", Duration.ofSeconds(60),
      "cap on the reconnect wait").check(d -> !d.isZero(), "a positive duration like 60s");
  public static final Setting<Duration> HEALTHY_RESET = Setting.duration("SWITCH_HEALTHY_RESET", Duration.ofSeconds(60),
      "a link up this long resets the reconnect wait to the first");
  public static final Setting<String> HTTP_HOST = Setting.text("SWITCH_HTTP_HOST", "127.0.0.1",
      "address of /health, /ready, /metrics");
  public static final Setting<Integer> HTTP_PORT = Setting.port("SWITCH_HTTP_PORT", 8084, "port of /health, /ready, /metrics");
  public static final List<Setting<?>> SETTINGS = Settings.join(KafkaSettings.SETTINGS, List.of(LIBRARY, LAYOUT, SERVER,
      NODE, VDNS, RECONNECT_INITIAL, RECONNECT_MAX, HEALTHY_RESET, HTTP_HOST, HTTP_PORT));

  public static SwitchConfig from(Env env) {
    Duration first = env.get(RECONNECT_INITIAL);
    Duration max = env.get(RECONNECT_MAX);
    if (max.compareTo(first) < 0) {
      throw new IllegalArgumentException(RECONNECT_MAX.name() + " (" + max + ") must not be below "
          + RECONNECT_INITIAL.name() + " (" + first + ")");
    }
    return new SwitchConfig(
        KafkaSettings.from(env),
        env.get(LIBRARY),
        env.get(LAYOUT),
        env.get(SERVER),
        env.get(NODE),
        env.get(VDNS),
        first,
        max,
        env.get(HEALTHY_RESET),
        env.get(HTTP_HOST),
        env.get(HTTP_PORT));
  }
}
