package com.callcentre.events.loadharness.clients.internal;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The subscribers of one client process: legacy long-polls that walk {@code eventid} as
 * {@code cvlan_ajax_events.js} does, WebSockets that subscribe and resume with {@code since}, SSE
 * streams that resume with {@code Last-Event-ID}. A dropped subscriber comes back after a second,
 * from where it was. Subscribers live as long as their process: the harness ends a run by stopping
 * the client processes.
 *
 * <p>All of them are plain non-blocking sockets on one {@link SelectorLoop} thread, each leaving
 * from the process's own source address on a port it names ({@link LocalPorts}); every event is
 * parsed, checked and timed on that thread as its bytes arrive. The protocols are written here rather than taken from Vert.x's and the JDK's
 * clients: at 100,000 held those clients took 0.93 CPU seconds per 1,000 input events on the
 * shared cores, more than the seven edges they measured (docs/benchmarks.md, #11, thirteenth
 * round), so the clients, not the pipeline, set the figures.
 */
public final class Subscribers implements ConnectionEvents, AutoCloseable {
  static final long RETRY_MS = 1000;

  private final SelectorLoop loop;
  private final Target target;
  private final Deliveries deliveries;
  private final InetSocketAddress remote;
  private final InetAddress local;
  private final LocalPorts ports = new LocalPorts();
  private final String hostHeader;
  private final List<SubscriberState> all = new ArrayList<>();
  /** Each subscriber's connection now; a connection that is not here any more has ended. */
  private final Map<SubscriberState, RawConnection> current = new HashMap<>();
  private long failures;
  private long reconnects;
  private final Map<String, Long> errors = new HashMap<>();

  public Subscribers(Target target, Deliveries deliveries) {
    this.target = target;
    this.deliveries = deliveries;
    this.remote = new InetSocketAddress(target.host(), target.port());
    try {
      this.local = InetAddress.getByName(target.localAddress());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("bad source address " + target.localAddress(), e);
    }
    this.hostHeader = target.host() + ":" + target.port();
    try {
      this.loop = new SelectorLoop("subscribers");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector", e);
    }
  }

  /** Adds and starts these subscribers, each {@code [protocol, extension, name]}; from any thread. */
  public void open(List<String[]> subscribers) {
    loop.execute(() -> subscribers.forEach(s -> open(s[0], s[1], s[2])));
  }

  private void open(String protocol, String extension, String name) {
    SubscriberState s = new SubscriberState(protocol, extension, name);
    all.add(s);
    connect(s);
  }

  private void connect(SubscriberState s) {
    RawConnection c = switch (s.protocol) {
      case "longpoll" -> new LongPollConnection(s, this, hostHeader, target.pauseMs());
      case "websocket" -> new WebSocketConnection(s, this, hostHeader);
      case "sse" -> new SseConnection(s, this, hostHeader);
      default -> throw new IllegalArgumentException("unknown protocol " + s.protocol);
    };
    current.put(s, c);
    try {
      c.open(loop, remote, local, ports);
    } catch (IOException | RuntimeException e) {
      c.failed("connect: " + e.getMessage());
    }
  }

  // ---- what the connections report, on the loop ----

  @Override
  public void received(SubscriberState s, long seq, JsonObject event, long receiptMicros) {
    deliveries.received(s, seq, event, receiptMicros);
  }

  @Override
  public void message(SubscriberState s, String text, long receiptMicros) {
    JsonObject m = new JsonObject(text);
    switch (m.getString("type", "")) {
      case "event" -> deliveries.received(s, m.getLong("seq"), m.getJsonObject("event"), receiptMicros);
      case "gap" -> deliveries.gapMessage();
      case "error" -> count("error frame: " + m.getString("reason"));
      default -> { } // subscribed
    }
  }

  @Override
  public void gap() {
    deliveries.gapMessage();
  }

  /** The subscriber's connection has ended with a fault: counted, and the subscriber back after {@link #RETRY_MS}. */
  @Override
  public void failed(SubscriberState s, String why) {
    current.remove(s);
    s.held = false;
    failures++;
    count(s.protocol + ": " + why.split("\n")[0]);
    loop.schedule(RETRY_MS, () -> {
      reconnects++;
      connect(s);
    });
  }

  @Override
  public void count(String reason) {
    errors.merge(reason.length() > 120 ? reason.substring(0, 120) : reason, 1L, Long::sum);
  }

  // ---- what the harness asks, from any thread ----

  public CompletableFuture<JsonObject> status() {
    return loop.call(this::statusNow);
  }

  private JsonObject statusNow() {
    JsonObject held = new JsonObject();
    int total = 0;
    for (SubscriberState s : all) {
      if (s.held) {
        held.put(s.protocol, held.getInteger(s.protocol, 0) + 1);
        total++;
      }
    }
    JsonObject errorCounts = new JsonObject();
    errors.forEach(errorCounts::put);
    return new JsonObject().put("opened", all.size()).put("held", total).put("held_by_protocol", held)
        .put("failures", failures).put("reconnects", reconnects).put("errors", errorCounts);
  }

  /** Subscribers behind the final sequence of their extension, and by how many events in all. */
  public CompletableFuture<JsonObject> verify(JsonObject finalSeqs) {
    return loop.call(() -> {
      long behind = 0;
      long missingTail = 0;
      long checked = 0;
      for (SubscriberState s : all) {
        Long last = finalSeqs.getLong(s.extension);
        if (last == null || s.lastSeq < 0) {
          continue;
        }
        checked++;
        if (s.lastSeq < last) {
          behind++;
          missingTail += last - s.lastSeq;
        }
      }
      return new JsonObject().put("checked", checked).put("behind", behind).put("missing_tail", missingTail);
    });
  }

  /** Closes every connection and stops the loop. */
  @Override
  public void close() {
    loop.call(() -> {
      current.values().forEach(RawConnection::close);
      current.clear();
      return null;
    }).join();
    loop.close();
  }
}
