package com.callcentre.events.edge.ws;

import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.edge.EdgeMetrics;
import com.callcentre.events.edge.access.Grant;
import com.callcentre.events.edge.events.EventJson;
import com.callcentre.events.edge.events.ExtensionId;
import com.callcentre.events.edge.events.Interest;
import com.callcentre.events.edge.state.ExtensionStateReplica;
import com.callcentre.events.edge.subscription.Client;
import com.callcentre.events.edge.subscription.Framing;
import com.callcentre.events.edge.subscription.Gap;
import com.callcentre.events.edge.subscription.SubscriberSession;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser on {@code /ws}: reads the client's JSON frames and writes the core's decisions as
 * frames. Client frames: {@code {"op":"subscribe","extensions":["4567"],"since":{"4567":12}}},
 * for a supervisor {@code "vdns":["4500"]} or {@code "all":true} in the same frame, and
 * {@code "op":"unsubscribe"} with the same keys. Server frames: {@code subscribed}, {@code event}
 * ({@code {"type":"event","extension":…,"seq":…,"event":{…}}}), {@code gap} and {@code error}; a
 * bad frame gets an error frame and the connection stays up.
 */
final class WebSocketSession implements Framing {
  private static final Logger log = LoggerFactory.getLogger(WebSocketSession.class);
  private static final String EXPECTED = "expected {\"op\":\"subscribe\"|\"unsubscribe\",\"extensions\":[...]}";

  private final ServerWebSocket socket;
  private final EdgeMetrics metrics;
  private final SubscriberSession session;
  private final int maxInterests;
  private final int maxFrameBytes;

  WebSocketSession(ServerWebSocket socket, Vertx vertx, ExtensionStateReplica replica, EdgeMetrics metrics, Client client, Grant grant,
      int maxInterests, int maxFrameBytes, int writeQueueBytes, Duration pingInterval) {
    this.socket = socket;
    this.metrics = metrics;
    this.maxInterests = maxInterests;
    this.maxFrameBytes = maxFrameBytes;
    this.session = new SubscriberSession(replica, metrics, vertx.getOrCreateContext(), client, grant, this);
    socket.setWriteQueueMaxSize(writeQueueBytes);
    socket.textMessageHandler(this::onText);
    socket.binaryMessageHandler(b -> error("binary frames are not supported; send JSON text"));
    socket.closeHandler(v -> session.close());
    socket.exceptionHandler(this::onTransportError);
    long ping = vertx.setPeriodic(pingInterval.toMillis(), id -> {
      if (!socket.isClosed()) {
        socket.writePing(Buffer.buffer("ping"));
      }
    });
    session.onClose(() -> vertx.cancelTimer(ping));
  }

  /** Runs {@code action} once when the session ends, however it ends. */
  WebSocketSession onClose(Runnable action) {
    session.onClose(action);
    return this;
  }

  /**
   * A message over the transport's limit (four times the frame limit, which gets an error frame)
   * ends the connection. Netty would close it with 1000, as if nothing were wrong: say 1009.
   */
  private void onTransportError(Throwable e) {
    if (!socket.isClosed() && (e instanceof CorruptedWebSocketFrameException || e instanceof TooLongFrameException)) {
      metrics.badInput("websocket", "message_too_big");
      socket.close((short) 1009, "message too big: the limit is " + maxFrameBytes + " bytes");
    }
    session.close();
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
    if (!("subscribe".equals(op) || "unsubscribe".equals(op))) {
      error(EXPECTED);
      return;
    }
    Optional<List<Interest>> interests = interests(frame);
    if (interests.isEmpty()) {
      return;
    }
    if ("unsubscribe".equals(op)) {
      interests.get().forEach(session::unfollow);
    } else {
      subscribe(interests.get(), since(frame));
    }
  }

  /** What the frame names, or empty after telling the client what is wrong with it. */
  private Optional<List<Interest>> interests(JsonObject frame) {
    List<Interest> out = new ArrayList<>();
    JsonArray extensions = frame.getValue("extensions") instanceof JsonArray a ? a : null;
    JsonArray vdns = frame.getValue("vdns") instanceof JsonArray a ? a : null;
    boolean all = Boolean.TRUE.equals(frame.getValue("all"));
    if (extensions == null && vdns == null && !all) {
      error(EXPECTED);
      return Optional.empty();
    }
    if (!addAll(out, extensions, "an extension", Interest.Extension::new) || !addAll(out, vdns, "a vdn", Interest.Vdn::new)) {
      return Optional.empty();
    }
    if (all) {
      out.add(Interest.ALL);
    }
    return Optional.of(out.stream().distinct().toList());
  }

  /** Adds one interest per id in {@code ids}; false after telling the client about the first bad one. */
  private boolean addAll(List<Interest> out, JsonArray ids, String what, Function<ExtensionId, Interest> interest) {
    for (Object raw : ids == null ? new JsonArray() : ids) {
      Optional<ExtensionId> id = raw instanceof String s ? ExtensionId.parse(s) : Optional.empty();
      if (id.isEmpty()) {
        error("not " + what + ": " + raw);
        return false;
      }
      out.add(interest.apply(id.get()));
    }
    return true;
  }

  private static Map<String, Long> since(JsonObject frame) {
    Map<String, Long> since = new HashMap<>();
    if (frame.getValue("since") instanceof JsonObject o) {
      o.forEach(entry -> {
        if (entry.getValue() instanceof Number n) {
          since.put(entry.getKey(), n.longValue());
        }
      });
    }
    return since;
  }

  private void subscribe(List<Interest> interests, Map<String, Long> since) {
    long adding = interests.stream().filter(i -> !session.following().contains(i)).count();
    if (session.size() + adding > maxInterests) {
      error("at most " + maxInterests + " extensions per connection");
      return;
    }
    for (Interest interest : interests) {
      if (session.follow(interest, since) == SubscriberSession.Followed.NOT_ALLOWED) {
        error("token does not allow " + interest.describe());
      }
    }
    write(subscribed());
  }

  private JsonObject subscribed() {
    JsonArray extensions = new JsonArray();
    JsonArray vdns = new JsonArray();
    for (Interest i : session.following()) {
      switch (i) {
        case Interest.Extension e -> extensions.add(e.id().value());
        case Interest.Vdn v -> vdns.add(v.vdn().value());
        case Interest.All all -> { }
      }
    }
    return new JsonObject().put("type", "subscribed").put("extensions", extensions).put("vdns", vdns)
        .put("all", session.following().contains(Interest.ALL));
  }

  private void error(String reason) {
    metrics.badInput("websocket", "bad_frame");
    Client client = session.client();
    log.atDebug().addKeyValue("client", client.name()).addKeyValue("remote", client::remote)
        .log("{} sent a bad frame: {}", client, reason);
    write(new JsonObject().put("type", "error").put("reason", reason));
  }

  @Override
  public void event(ExtensionEvent event) {
    write(EventJson.encodeMessage(event));
  }

  @Override
  public void gap(Gap gap) {
    write(gap.toJson());
  }

  @Override
  public boolean writeQueueFull() {
    return socket.writeQueueFull();
  }

  @Override
  public void whenDrained(Runnable then) {
    socket.drainHandler(v -> then.run());
  }

  @Override
  public void end(Ending ending) {
    switch (ending) {
      case TOO_SLOW -> socket.close((short) 1013, "too slow: write queue full");
      case TOKEN_EXPIRED -> socket.close((short) 1008, "token expired");
    }
  }

  private void write(JsonObject message) {
    write(message.encode());
  }

  private void write(String message) {
    if (!session.isClosed() && !socket.isClosed()) {
      socket.writeTextMessage(message);
    }
  }
}
