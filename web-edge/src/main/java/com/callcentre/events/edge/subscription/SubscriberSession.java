package com.callcentre.events.edge.subscription;

import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.avro.ExtensionState;
import com.callcentre.events.edge.EdgeMetrics;
import com.callcentre.events.edge.access.Grant;
import com.callcentre.events.edge.events.Interest;
import com.callcentre.events.edge.state.CatchUp;
import com.callcentre.events.edge.state.EventWindow;
import com.callcentre.events.edge.state.ExtensionStateReplica;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection's subscriptions, whatever its protocol: what it follows, the last
 * sequence it was sent per extension, catch-up from the window after a resume, gap notices,
 * the write-queue bound (a slow client is cut off, never allowed to grow the heap), the token's
 * expiry, clean-up and metrics. Long-poll, WebSocket and SSE only frame what this decides.
 *
 * <p>Everything runs on the connection's event loop: the replica's callbacks hop onto it, so no
 * field needs a lock, and notices are handled in the order the replica applied them, across
 * extensions too.
 */
public final class SubscriberSession implements ExtensionStateReplica.StateSubscriber {
  private static final Logger log = LoggerFactory.getLogger(SubscriberSession.class);
  /** How long a client ahead of this edge waits for it to catch up before its sequence counts as reset. */
  public static final Duration AHEAD_GRACE = Duration.ofSeconds(2);

  private final ExtensionStateReplica replica;
  private final EdgeMetrics metrics;
  private final Context context;
  private final Client client;
  private final Framing framing;
  private final Grant grant;
  // Sized for the usual session, which follows one extension (every long-poll does): the default
  // sizes cost a long-poll about 150 bytes more while it waits. They grow as usual when needed.
  private final Map<Interest, ExtensionStateReplica.Subscription> following = new LinkedHashMap<>(2);
  private final Map<String, Long> lastSent = new HashMap<>(2);
  /** Extensions whose client is ahead of this edge, to the timer that ends the wait (see awaitThisEdge). */
  private final Map<String, Long> waitingForEdge = new HashMap<>(2);
  private final List<Runnable> onClose = new ArrayList<>(2);
  private final Runnable gauge;
  private boolean closed;

  public SubscriberSession(ExtensionStateReplica replica, EdgeMetrics metrics, Context context, Client client,
      Grant grant, Framing framing) {
    this.replica = replica;
    this.metrics = metrics;
    this.context = context;
    this.client = client;
    this.grant = grant;
    this.framing = framing;
    this.gauge = metrics.opened(client.protocol());
    grant.expires().ifPresent(this::endAt);
    log.atDebug().addKeyValue("client", client.name()).addKeyValue("remote", client::remote)
        .log("{} connected", client);
  }

  public Client client() {
    return client;
  }

  public enum Followed { FOLLOWING, ALREADY, NOT_ALLOWED }

  /**
   * Starts following {@code interest}. For each extension in {@code since} the client already
   * has every event up to that sequence and gets the ones after it still in the window (a gap
   * notice when some have left); every other extension it covers starts with its latest event.
   */
  public Followed follow(Interest interest, Map<String, Long> since) {
    if (!grant.allows(interest)) {
      return Followed.NOT_ALLOWED;
    }
    if (closed || following.containsKey(interest)) {
      return Followed.ALREADY;
    }
    following.put(interest, replica.subscribe(interest, this));
    switch (interest) {
      case Interest.Extension e -> start(e.id().value(), since.get(e.id().value()));
      case Interest.Vdn v -> snapshot(since);
      case Interest.All all -> snapshot(since);
    }
    return Followed.FOLLOWING;
  }

  public void unfollow(Interest interest) {
    ExtensionStateReplica.Subscription s = following.remove(interest);
    if (s == null) {
      return;
    }
    s.close();
    if (interest instanceof Interest.Extension e) {
      lastSent.remove(e.id().value());
    } else if (following.keySet().stream().allMatch(i -> i instanceof Interest.Extension)) {
      lastSent.keySet().retainAll(following.keySet().stream().map(i -> ((Interest.Extension) i).id().value()).toList());
    }
  }

  public Set<Interest> following() {
    return following.keySet();
  }

  public int size() {
    return following.size();
  }

  /** Runs {@code action} once when the session ends (timers, the protocol's own clean-up). */
  public void onClose(Runnable action) {
    onClose.add(action);
  }

  public boolean isClosed() {
    return closed;
  }

  /** Ends the session; true only for the call that ended it, so one of several racing outcomes wins. */
  public boolean close() {
    if (closed) {
      return false;
    }
    closed = true;
    waitingForEdge.values().forEach(context.owner()::cancelTimer);
    waitingForEdge.clear();
    following.values().forEach(ExtensionStateReplica.Subscription::close);
    following.clear();
    onClose.forEach(Runnable::run);
    gauge.run();
    log.atDebug().addKeyValue("client", client.name()).addKeyValue("remote", client::remote)
        .log("{} closed", client);
    return true;
  }

  private void start(String extension, Long since) {
    ExtensionState state = replica.get(extension).orElse(null);
    if (state == null) {
      lastSent.put(extension, since == null ? 0 : Math.max(0, since));
    } else if (since == null || since < 0) {
      sendLatest(state);
    } else {
      lastSent.put(extension, since);
      catchUp(state);
    }
  }

  /** The latest of every extension a group interest covers, paced by the client's write queue. */
  private void snapshot(Map<String, Long> since) {
    snapshot(List.copyOf(replica.all()).iterator(), since);
  }

  private void snapshot(Iterator<ExtensionState> states, Map<String, Long> since) {
    while (states.hasNext() && !closed) {
      if (framing.writeQueueFull()) {
        framing.whenDrained(() -> snapshot(states, since));
        return;
      }
      ExtensionState state = states.next();
      String extension = state.getExtension();
      if (lastSent.containsKey(extension) || !wanted(state.getLatest())) {
        continue; // already sent live since the snapshot began, or not covered
      }
      Long resumeFrom = since.get(extension);
      if (resumeFrom == null || resumeFrom < 0) {
        sendLatest(state);
      } else {
        lastSent.put(extension, resumeFrom);
        catchUp(state);
      }
    }
  }

  /** The replica's notice, on the feeder's thread: handled on this session's event loop. */
  @Override
  public void onState(ExtensionState state) {
    context.runOnContext(v -> changed(state));
  }

  /**
   * What this session knows of {@code extension}, read on its own event loop: who the client is,
   * which of its interests covers the extension and the last sequence it was sent (0: none yet).
   * Completes with null when the session ended meanwhile.
   */
  public Future<JsonObject> describe(String extension) {
    Promise<JsonObject> described = Promise.promise();
    context.runOnContext(v -> described.complete(closed ? null : new JsonObject()
        .put("name", client.named() ? client.name() : null)
        .put("protocol", client.protocol())
        .put("remote", client.remote())
        .put("since", client.since().toString())
        .put("following", following.keySet().stream().filter(i -> covers(i, extension)).findFirst()
            .map(Interest::describe).orElse(null))
        .put("last_seq", lastSent.getOrDefault(extension, 0L))));
    return described.future();
  }

  private boolean covers(Interest interest, String extension) {
    return switch (interest) {
      case Interest.Extension e -> e.id().value().equals(extension);
      case Interest.Vdn v -> replica.get(extension).map(s -> v.matches(s.getLatest())).orElse(false);
      case Interest.All all -> true;
    };
  }

  private void changed(ExtensionState state) {
    if (closed) {
      return;
    }
    if (lastSent.containsKey(state.getExtension())) {
      catchUp(state);
    } else if (wanted(state.getLatest())) {
      sendLatest(state); // first event of this extension under a VDN or all-extensions interest
    }
  }

  private void catchUp(ExtensionState state) {
    String extension = state.getExtension();
    long last = lastSent.get(extension);
    if (state.getSeq() < last) {
      if (!isStale(state)) {
        awaitThisEdge(extension);
      }
      return;
    }
    cancelWait(extension);
    deliver(state, last);
  }

  private void deliver(ExtensionState state, long last) {
    CatchUp catchUp = CatchUp.of(state, last);
    if (catchUp.gap()) {
      framing.gap(new Gap(state.getExtension(), last, EventWindow.oldest(state), state.getSeq()));
    }
    if (!catchUp.events().isEmpty()) {
      lastSent.put(state.getExtension(), state.getSeq());
    }
    for (ExtensionEvent e : catchUp.events()) {
      if (closed) {
        break; // a long-poll is answered by the first; the window decodes only what is read
      }
      if (wanted(e)) {
        send(e);
      }
    }
  }

  /*
   * The client has seen a later sequence than this edge holds. Behind one port, a client's next
   * poll or reconnect may reach an edge a few milliseconds behind the one it came from: sending
   * this edge's latest would repeat an old event to it. So the session waits for the edge to catch
   * up; only if the edge is still behind after AHEAD_GRACE is it a reset of the extension's
   * sequence (the streams-app's state was lost), answered with a gap notice and the latest.
   */
  private void awaitThisEdge(String extension) {
    if (!waitingForEdge.containsKey(extension)) {
      waitingForEdge.put(extension, context.owner().setTimer(AHEAD_GRACE.toMillis(),
          id -> context.runOnContext(v -> graceOver(extension))));
    }
  }

  private void graceOver(String extension) {
    waitingForEdge.remove(extension);
    Long last = lastSent.get(extension);
    if (closed || last == null) {
      return;
    }
    replica.get(extension).filter(state -> state.getSeq() < last).ifPresent(state -> deliver(state, last));
  }

  private void cancelWait(String extension) {
    Long timer = waitingForEdge.remove(extension);
    if (timer != null) {
      context.owner().cancelTimer(timer);
    }
  }

  /**
   * A notice can arrive after a newer state was already sent (the session read the replica while
   * the notice was on its way): then it is old news, not a reset of the extension's sequence.
   */
  private boolean isStale(ExtensionState state) {
    return replica.get(state.getExtension()).map(current -> current.getSeq() > state.getSeq()).orElse(false);
  }

  private void sendLatest(ExtensionState state) {
    lastSent.put(state.getExtension(), state.getSeq());
    send(state.getLatest());
  }

  private boolean wanted(ExtensionEvent event) {
    for (Interest i : following.keySet()) {
      if (i.matches(event)) {
        return true;
      }
    }
    return false;
  }

  private void send(ExtensionEvent event) {
    if (closed) {
      return;
    }
    if (framing.writeQueueFull()) {
      metrics.droppedSlowClient(client.protocol());
      end(Framing.Ending.TOO_SLOW);
      return;
    }
    framing.event(event);
    metrics.delivered(client.protocol(), event.getEvent().getIngestTime());
  }

  private void end(Framing.Ending ending) {
    if (close()) {
      log.atInfo().addKeyValue("client", client.name()).addKeyValue("remote", client::remote)
          .log("{} cut off: {}", client, ending.reason());
      framing.end(ending);
    }
  }

  private void endAt(Instant expires) {
    long delay = Math.max(1, Duration.between(Instant.now(), expires).toMillis());
    long timer = context.owner().setTimer(delay, id -> context.runOnContext(v -> end(Framing.Ending.TOKEN_EXPIRED)));
    onClose(() -> context.owner().cancelTimer(timer));
  }
}
