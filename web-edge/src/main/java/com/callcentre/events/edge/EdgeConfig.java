package com.callcentre.events.edge;

import com.callcentre.events.edge.access.AccessConfig;
import com.callcentre.events.runtime.config.Env;
import com.callcentre.events.runtime.config.Setting;
import com.callcentre.events.runtime.config.Settings;
import com.callcentre.events.runtime.kafka.KafkaSettings;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Settings of one web edge, read once at start-up; each is declared below with its default, what
 * it accepts and what it does ({@code --help} prints them).
 */
public record EdgeConfig(KafkaSettings kafka, String host, int port, Duration longPollTimeout, String allowOrigin,
    int maxConnections, int maxExtensionsPerSocket, int maxFrameBytes, int maxHeaderBytes, int writeQueueBytes,
    Duration pingInterval, AccessConfig access, List<String> protocols, int eventLoops, boolean nativeTransport,
    boolean reusePort, int opsPort, boolean timingFields, int recentWindow, Duration windowLookback) {

  public static final Setting<String> HTTP_HOST = Setting.text("EDGE_HTTP_HOST", "127.0.0.1",
      "address to serve on (0.0.0.0 to serve the network)");
  public static final Setting<Integer> HTTP_PORT = Setting.port("EDGE_HTTP_PORT", 8080,
      "port of the demo page, /event, /ws, /events, /api, /health, /ready, /metrics");
  public static final Setting<Duration> LONG_POLL_TIMEOUT = Setting.duration("EDGE_LONG_POLL_TIMEOUT", Duration.ofSeconds(30),
      "how long /event holds a request before answering a keep-alive")
      .check(d -> !d.isZero() && d.compareTo(Duration.ofMinutes(10)) <= 0, "a duration from 1ms to 10m");
  public static final Setting<String> ALLOW_ORIGIN = Setting.text("EDGE_ALLOW_ORIGIN", "*",
      "Access-Control-Allow-Origin on /event");
  public static final Setting<Integer> MAX_CONNECTIONS = Setting.integer("EDGE_MAX_CONNECTIONS", 200_000, 1, Integer.MAX_VALUE,
      "connections this edge holds before refusing new ones");
  public static final Setting<Integer> MAX_EXTENSIONS_PER_SOCKET = Setting.integer("EDGE_MAX_EXTENSIONS_PER_SOCKET", 100,
      1, 100_000, "extensions one WebSocket may follow");
  public static final Setting<Integer> MAX_FRAME_BYTES = Setting.integer("EDGE_MAX_FRAME_BYTES", 8192, 256, 1 << 20,
      "largest WebSocket message accepted from a client");
  public static final Setting<Integer> MAX_HEADER_BYTES = Setting.integer("EDGE_MAX_HEADER_BYTES", 8192, 1024, 1 << 20,
      "largest request header block");
  public static final Setting<Integer> WRITE_QUEUE_BYTES = Setting.integer("EDGE_WRITE_QUEUE_BYTES", 256 * 1024, 1024,
      Integer.MAX_VALUE, "unsent bytes after which a slow client is disconnected");
  public static final Setting<Duration> PING_INTERVAL = Setting.duration("EDGE_PING_INTERVAL", Duration.ofSeconds(20),
      "WebSocket pings and SSE comments").check(d -> !d.isZero(), "a positive duration like 20s");
  public static final Setting<List<String>> PROTOCOLS = Setting.list("EDGE_PROTOCOLS", "longpoll,websocket,sse",
      Pattern.compile("longpoll|websocket|sse"), "longpoll, websocket, sse",
      "protocols served; call-events.js falls back from WebSocket to SSE to long-poll where one is refused");
  public static final Setting<Integer> EVENT_LOOPS = Setting.integer("EDGE_EVENT_LOOPS",
      Runtime.getRuntime().availableProcessors(), 1, 1024, "server instances (event loops)").describedDefault("one per core");
  public static final Setting<Boolean> NATIVE_TRANSPORT = Setting.bool("EDGE_NATIVE_TRANSPORT", true,
      "use Linux epoll (Netty's native transport) when the platform has it, else Java NIO");
  public static final Setting<Boolean> REUSE_PORT = Setting.bool("EDGE_REUSE_PORT", false,
      "SO_REUSEPORT: several edge processes on one host share EDGE_HTTP_PORT and the kernel spreads connections "
          + "over them (needs the native transport; set it on every edge sharing the port)");
  public static final Setting<Integer> OPS_PORT = Setting.integer("EDGE_OPS_PORT", -1, -1, 65535,
      "a port of this edge's own for /health, /ready and /metrics (on EDGE_HTTP_HOST), besides EDGE_HTTP_PORT; "
          + "edges sharing a port need one each so each can be probed and scraped; -1: none, 0: a free one")
      .describedDefault("-1 (none)");
  public static final Setting<Boolean> TIMING_FIELDS = Setting.bool("EDGE_TIMING_FIELDS", false,
      "diagnostics: every event's JSON also carries sequenced_time (the streams-app's) and edge_time (when this "
          + "edge wrote it), for latency measurement by part (bin/bench)");
  public static final Setting<Integer> RECENT_WINDOW = Setting.integer("EDGE_RECENT_WINDOW",
      com.callcentre.events.edge.state.ExtensionStateReplica.DEFAULT_WINDOW, 1, 1024,
      "events kept per extension, for a subscriber that comes back with the last sequence it saw");
  public static final Setting<Duration> WINDOW_LOOKBACK = Setting.duration("EDGE_WINDOW_LOOKBACK", Duration.ofMinutes(10),
      "at start-up, how far back extension-events.v1 is read to fill the recent windows; an extension quiet for "
          + "longer starts with its latest event only (from extension-state.v1)");
  public static final List<Setting<?>> SETTINGS = Settings.join(KafkaSettings.SETTINGS, List.of(HTTP_HOST, HTTP_PORT,
      LONG_POLL_TIMEOUT, ALLOW_ORIGIN, MAX_CONNECTIONS, MAX_EXTENSIONS_PER_SOCKET, MAX_FRAME_BYTES, MAX_HEADER_BYTES,
      WRITE_QUEUE_BYTES, PING_INTERVAL, PROTOCOLS, EVENT_LOOPS, NATIVE_TRANSPORT, REUSE_PORT, OPS_PORT, TIMING_FIELDS, RECENT_WINDOW, WINDOW_LOOKBACK),
      AccessConfig.SETTINGS);

  public static EdgeConfig from(Env env) {
    return new EdgeConfig(
        KafkaSettings.from(env),
        env.get(HTTP_HOST),
        env.get(HTTP_PORT),
        env.get(LONG_POLL_TIMEOUT),
        env.get(ALLOW_ORIGIN),
        env.get(MAX_CONNECTIONS),
        env.get(MAX_EXTENSIONS_PER_SOCKET),
        env.get(MAX_FRAME_BYTES),
        env.get(MAX_HEADER_BYTES),
        env.get(WRITE_QUEUE_BYTES),
        env.get(PING_INTERVAL),
        AccessConfig.from(env),
        env.get(PROTOCOLS),
        env.get(EVENT_LOOPS),
        env.get(NATIVE_TRANSPORT),
        env.get(REUSE_PORT),
        env.get(OPS_PORT),
        env.get(TIMING_FIELDS),
        env.get(RECENT_WINDOW),
        env.get(WINDOW_LOOKBACK));
  }

  /** The Vert.x instance an edge process runs on: epoll where asked and available. */
  public io.vertx.core.VertxOptions vertxOptions() {
    return new io.vertx.core.VertxOptions().setPreferNativeTransport(nativeTransport);
  }

  public boolean serves(String protocol) {
    return protocols.contains(protocol);
  }
}
