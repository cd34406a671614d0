package com.callcentre.events.switchreader;

import com.callcentre.events.runtime.config.Env;
import com.callcentre.events.runtime.kafka.KafkaSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Settings of the switch reader, read once at start-up.
 *
 * @param library        {@code ASAI_LIBRARY}: the CVLAN client library, by name or path
 *                       (default "asaisim", the bundled simulator; "cvlancli" or /opt/cvlan/lib/libcvlancli.so at a site)
 * @param layout         {@code ASAI_LAYOUT}: layout descriptor file, or classpath:… (default the simulator's LP64 layout)
 * @param server         {@code CVLAN_SERVER}: the path given to asai_open, the CVLAN server address (default 127.0.0.1)
 * @param nodeId         {@code CVLAN_NODE}: the node id set with asai_set_env(C_NODE_ID) (default 1)
 * @param vdns           {@code SWITCH_VDNS}: comma-separated VDNs, one reader thread each (default 4500,4501,4502)
 * @param reconnectFirst {@code SWITCH_RECONNECT_INITIAL}: first wait after a failure (default 1s), doubling
 * @param reconnectMax   {@code SWITCH_RECONNECT_MAX}: cap on the wait (default 60s)
 * @param healthyReset   {@code SWITCH_HEALTHY_RESET}: connected this long resets the wait to the first (default 60s)
 * @param httpHost       {@code SWITCH_HTTP_HOST} (default 127.0.0.1)
 * @param httpPort       {@code SWITCH_HTTP_PORT}: /health, /ready, /metrics (default 8084)
 */
public record SwitchConfig(KafkaSettings kafka, String library, String layout, String server, String nodeId,
    List<String> vdns, Duration reconnectFirst, Duration reconnectMax, Duration healthyReset, String httpHost, int httpPort) {

  public static SwitchConfig from(Env env) {
    List<String> vdns = Arrays.stream(env.string("SWITCH_VDNS", "4500,4501,4502").split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).toList();
    for (String vdn : vdns) {
      if (!vdn.matches("[0-9]{1,16}")) {
        throw new IllegalArgumentException("SWITCH_VDNS must list VDN digits, got '" + vdn + "'");
      }
    }
    if (vdns.isEmpty()) {
      throw new IllegalArgumentException("SWITCH_VDNS must name at least one VDN");
    }
    return new SwitchConfig(
        KafkaSettings.from(env),
        env.string("ASAI_LIBRARY", "asaisim"),
        env.string("ASAI_LAYOUT", "classpath:asai/layouts/simulator-lp64.properties"),
        env.string("CVLAN_SERVER", "127.0.0.1"),
        env.string("CVLAN_NODE", "1"),
        vdns,
        env.duration("SWITCH_RECONNECT_INITIAL", Duration.ofSeconds(1)),
        env.duration("SWITCH_RECONNECT_MAX", Duration.ofSeconds(60)),
        env.duration("SWITCH_HEALTHY_RESET", Duration.ofSeconds(60)),
        env.string("SWITCH_HTTP_HOST", "127.0.0.1"),
        env.port("SWITCH_HTTP_PORT", 8084));
  }
}
