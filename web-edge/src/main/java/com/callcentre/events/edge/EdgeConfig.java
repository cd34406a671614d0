package com.callcentre.events.edge;

import com.callcentre.events.runtime.config.Env;
import com.callcentre.events.runtime.kafka.KafkaSettings;
import java.time.Duration;

/**
 * Settings of one web edge, read once at start-up.
 *
 * @param host               {@code EDGE_HTTP_HOST} (default 127.0.0.1; 0.0.0.0 to serve the network)
 * @param port               {@code EDGE_HTTP_PORT} (default 8080)
 * @param longPollTimeout    {@code EDGE_LONG_POLL_TIMEOUT}: hold time before a keep-alive (default 30s)
 * @param allowOrigin        {@code EDGE_ALLOW_ORIGIN}: Access-Control-Allow-Origin on /event (default *)
 * @param maxConnections     {@code EDGE_MAX_CONNECTIONS} (default 200000)
 * @param maxExtensionsPerSocket {@code EDGE_MAX_EXTENSIONS_PER_SOCKET} (default 100)
 * @param maxFrameBytes      {@code EDGE_MAX_FRAME_BYTES}: largest WebSocket message from a client (default 8192)
 * @param maxHeaderBytes     {@code EDGE_MAX_HEADER_BYTES} (default 8192)
 * @param writeQueueBytes    {@code EDGE_WRITE_QUEUE_BYTES}: a client this far behind is disconnected (default 262144)
 * @param pingInterval       {@code EDGE_PING_INTERVAL}: WebSocket pings and SSE comments (default 20s)
 * @param tokenSecret        {@code EDGE_TOKEN_SECRET}: when set, every subscription needs a signed token naming its extensions
 * @param eventLoops         {@code EDGE_EVENT_LOOPS}: server instances (default: one per core)
 */
public record EdgeConfig(KafkaSettings kafka, String host, int port, Duration longPollTimeout, String allowOrigin,
    int maxConnections, int maxExtensionsPerSocket, int maxFrameBytes, int maxHeaderBytes, int writeQueueBytes,
    Duration pingInterval, String tokenSecret, int eventLoops) {

  public static EdgeConfig from(Env env) {
    return new EdgeConfig(
        KafkaSettings.from(env),
        env.string("EDGE_HTTP_HOST", "127.0.0.1"),
        env.port("EDGE_HTTP_PORT", 8080),
        env.duration("EDGE_LONG_POLL_TIMEOUT", Duration.ofSeconds(30)),
        env.string("EDGE_ALLOW_ORIGIN", "*"),
        env.integer("EDGE_MAX_CONNECTIONS", 200_000),
        env.integer("EDGE_MAX_EXTENSIONS_PER_SOCKET", 100),
        env.integer("EDGE_MAX_FRAME_BYTES", 8192),
        env.integer("EDGE_MAX_HEADER_BYTES", 8192),
        env.integer("EDGE_WRITE_QUEUE_BYTES", 256 * 1024),
        env.duration("EDGE_PING_INTERVAL", Duration.ofSeconds(20)),
        env.string("EDGE_TOKEN_SECRET", ""),
        env.integer("EDGE_EVENT_LOOPS", Runtime.getRuntime().availableProcessors()));
  }

  public boolean tokensRequired() {
    return !tokenSecret.isEmpty();
  }
}
