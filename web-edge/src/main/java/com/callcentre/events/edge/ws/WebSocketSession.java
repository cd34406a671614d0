package com.callcentre.events.edge.ws;

import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.avro.ExtensionState;
import com.callcentre.events.edge.EdgeMetrics;
import com.callcentre.events.edge.access.SubscriptionTokens;
import com.callcentre.events.edge.legacy.LegacyJson;
import com.callcentre.events.edge.state.CatchUp;
import com.callcentre.events.edge.state.EventWindow;
import com.callcentre.events.edge.state.ExtensionStateReplica;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One browser on {@code /ws}. Client frames:
 * {@code {"op":"subscribe","extensions":["4567"],"since":{"4567":12}}} and
 * {@code {"op":"unsubscribe","extensions":["4567"]}}. Server frames: {@code subscribed},
 * {@code event} ({@code {"type":"event","extension":…,"seq":…,"event":{…}}}), {@code gap} and
 * {@code error}; a bad frame gets an error frame and the connection stays up. A client whose
 * unsent data passes the write-queue bound is disconnected rather than allowed to grow the heap.
 * Everything runs on the socket's own event loop.
 */
final class WebSocketSession {
  private static final Pattern EXTENSION = Pattern.compile("[A-Za-z0-9*#+_.-]{1,32}");

  private final ServerWebSocket socket;
  private final Vertx vertx;
  private final Context context;
  private final ExtensionStateReplica replica;
  private final EdgeMetrics metrics;
  private final Set<String> allowed;
  private final int maxExtensions;
  private final int maxFrameBytes;
  private final Map<String, Long> lastSent = new HashMap<>();
  private final Map<String, ExtensionStateReplica.Subscription> subscriptions = new HashMap<>();
  private final long pingTimer;
  private final Runnable closedGauge;
  private boolean closed;

  WebSocketSession(ServerWebSocket socket, Vertx vertx, ExtensionStateReplica replica, EdgeMetrics metrics,
      Set<String> allowed, int maxExtensions, int maxFrameBytes, int writeQueueBytes, Duration pingInterval) {
    this.socket = socket;
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.replica = replica;
    this.metrics = metrics;
    this.allowed = allowed;
    this.maxExtensions = maxExtensions;
    this.maxFrameBytes = maxFrameBytes;
    this.closedGauge = metrics.opened("websocket");
    socket.setWriteQueueMaxSize(writeQueueBytes);
    socket.textMessageHandler(this::onText);
    socket.binaryMessageHandler(b -> error("binary frames are not supported; send JSON text"));
    socket.closeHandler(v -> cleanUp());
    socket.exceptionHandler(e -> cleanUp());
    this.pingTimer = vertx.setPeriodic(pingInterval.toMillis(), id -> {
      if (!socket.isClosed()) {
        socket.writePing(Buffer.buffer("ping"));
      }
    });
  }

  private void onText(String text) {
    if (text.length() > maxFrameBytes) {
      error("frame of " + text.length() + " characters is over the limit of " + maxFrameBytes);
      return;
    }
    JsonObject frame;
    try {
      frame = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      error("frame is not a JSON object");
      return;
    }
    String op = frame.getValue("op") instanceof String s ? s : null;
    JsonArray extensions = frame.getValue("extensions") instanceof JsonArray a ? a : null;
    if (extensions == null || !("subscribe".equals(op) || "unsubscribe".equals(op))) {
      error("expected {\"op\":\"subscribe\"|\"unsubscribe\",\"extensions\":[...]}");
      return;
    }
    for (Object e : extensions) {
      if (!(e instanceof String ext) || !EXTENSION.matcher(ext).matches()) {
        error("not an extension: " + e);
        return;
      }
    }
    if ("unsubscribe".equals(op)) {
      extensions.forEach(e -> unsubscribe((String) e));
      return;
    }
    JsonObject since = frame.getValue("since") instanceof JsonObject o ? o : new JsonObject();
    subscribe(extensions.stream().map(String.class::cast).toList(), since);
  }

  private void subscribe(List<String> extensions, JsonObject since) {
    long adding = extensions.stream().filter(e -> !subscriptions.containsKey(e)).distinct().count();
    if (subscriptions.size() + adding > maxExtensions) {
      error("at most " + maxExtensions + " extensions per connection");
      return;
    }
    for (String ext : extensions) {
      if (!SubscriptionTokens.covers(allowed, ext)) {
        error("token does not allow extension " + ext);
        continue;
      }
      if (subscriptions.containsKey(ext)) {
        continue;
      }
      subscriptions.put(ext, replica.subscribe(ext, state -> context.runOnContext(v -> push(ext, state))));
      ExtensionState state = replica.get(ext).orElse(null);
      Object asked = since.getValue(ext);
      long from = asked instanceof Number n ? n.longValue() : -1;
      if (state == null) {
        lastSent.put(ext, Math.max(0, from));
      } else if (from < 0) {
        lastSent.put(ext, state.getSeq());
        send(ext, state.getLatest());
      } else {
        lastSent.put(ext, from);
        push(ext, state);
      }
    }
    write(new JsonObject().put("type", "subscribed").put("extensions", new JsonArray(List.copyOf(subscriptions.keySet()))));
  }

  private void unsubscribe(String ext) {
    ExtensionStateReplica.Subscription s = subscriptions.remove(ext);
    if (s != null) {
      s.close();
    }
    lastSent.remove(ext);
  }

  private void push(String ext, ExtensionState state) {
    if (closed || !subscriptions.containsKey(ext)) {
      return;
    }
    long last = lastSent.getOrDefault(ext, 0L);
    CatchUp catchUp = CatchUp.of(state, last);
    if (catchUp.gap()) {
      write(new JsonObject().put("type", "gap").put("extension", ext).put("after", last)
          .put("oldest", EventWindow.oldest(state)).put("seq", state.getSeq()));
    }
    for (ExtensionEvent e : catchUp.events()) {
      send(ext, e);
      metrics.delivered("websocket", e.getEvent().getIngestTime());
    }
    if (!catchUp.events().isEmpty()) {
      lastSent.put(ext, state.getSeq());
    }
  }

  private void send(String ext, ExtensionEvent e) {
    write(new JsonObject().put("type", "event").put("extension", ext).put("seq", e.getSeq())
        .put("event", LegacyJson.event(e)));
  }

  private void error(String reason) {
    metrics.badInput("websocket", "bad_frame");
    write(new JsonObject().put("type", "error").put("reason", reason));
  }

  private void write(JsonObject message) {
    if (closed) {
      return;
    }
    if (socket.writeQueueFull()) {
      metrics.droppedSlowClient("websocket");
      socket.close((short) 1013, "too slow: write queue full");
      cleanUp();
      return;
    }
    socket.writeTextMessage(message.encode());
  }

  private void cleanUp() {
    if (closed) {
      return;
    }
    closed = true;
    vertx.cancelTimer(pingTimer);
    subscriptions.values().forEach(ExtensionStateReplica.Subscription::close);
    subscriptions.clear();
    closedGauge.run();
  }
}
