package com.callcentre.events.edge.state;

import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.avro.ExtensionState;
import com.callcentre.events.edge.events.ExtensionId;
import com.callcentre.events.edge.events.Interest;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * This edge's full copy of every extension's state (its latest event and recent window), and who is
 * waiting on what. Updates come from one feeder ({@link ReplicaFeeder}) on one thread; waiters
 * are told in-process, with no thread per waiter: a subscriber is a callback that hops onto its
 * own event loop. Subscribers are indexed by what they follow, so an update looks up its
 * extension, its call's VDN and "all": three map reads.
 */
public final class ExtensionStateReplica {
  public static final int DEFAULT_WINDOW = 32;

  private final Map<String, ExtensionState> states = new ConcurrentHashMap<>();
  private final Map<Interest, Set<StateSubscriber>> subscribers = new ConcurrentHashMap<>();
  private final RecentWindow window;

  public ExtensionStateReplica() {
    this(DEFAULT_WINDOW);
  }

  /** @param window events kept per extension for catching up a subscriber that comes back */
  public ExtensionStateReplica(int window) {
    this.window = new RecentWindow(window);
  }

  public Optional<ExtensionState> get(String extension) {
    return Optional.ofNullable(states.get(extension));
  }

  public Collection<ExtensionState> all() {
    return states.values();
  }

  public int extensionCount() {
    return states.size();
  }

  public int subscriberCount() {
    return subscribers.values().stream().mapToInt(Set::size).sum();
  }

  /** The next sequenced event of an extension ({@code extension-events.v1}). */
  public void apply(ExtensionEvent event) {
    apply(event, null, null);
  }

  /**
   * The same, with the bytes the event came in: the window keeps those rather than the object
   * ({@link CompactWindow}) and reads them with {@code decoder} when a subscriber is caught up.
   */
  public void apply(ExtensionEvent event, byte[] encoded, Function<byte[], ExtensionEvent> decoder) {
    String extension = event.getExtension();
    update(extension, window.withEvent(states.get(extension), event, encoded, decoder));
  }

  /** A record of the compacted state topic ({@code extension-state.v1}), read when the edge starts. */
  public void apply(ExtensionState state) {
    String extension = state.getExtension();
    update(extension, window.withState(states.get(extension), state));
  }

  private void update(String extension, ExtensionState next) {
    if (next == null) {
      return; // already held
    }
    states.put(extension, next);
    // A key no client could have named (the topics are written by our own streams-app, but a bad
    // record must not stop the feeder) has no one to tell. One pattern check per key, per event.
    ExtensionId.parse(extension).ifPresent(id -> notify(new Interest.Extension(id), next));
    ExtensionId.parse(next.getLatest().getEvent().getVdn()).ifPresent(vdn -> notify(new Interest.Vdn(vdn), next));
    notify(Interest.ALL, next);
  }

  private void notify(Interest interest, ExtensionState state) {
    Set<StateSubscriber> waiting = subscribers.get(interest);
    if (waiting != null) {
      for (StateSubscriber s : waiting) {
        s.onState(state);
      }
    }
  }

  /** Who follows {@code interest} right now (a copy; for listings, not for delivery). */
  public List<StateSubscriber> subscribersOf(Interest interest) {
    return List.copyOf(subscribers.getOrDefault(interest, Set.of()));
  }

  /** Calls {@code subscriber} on every later change that {@code interest} covers until the handle is closed. */
  public Subscription subscribe(Interest interest, StateSubscriber subscriber) {
    // Most extensions have one or two followers (an agent's screen, a supervisor): a small set
    // first, which grows as needed, rather than the default 16 slots per followed extension.
    subscribers.computeIfAbsent(interest, e -> ConcurrentHashMap.newKeySet(2)).add(subscriber);
    return () -> subscribers.computeIfPresent(interest, (e, set) -> {
      set.remove(subscriber);
      return set.isEmpty() ? null : set;
    });
  }

  public interface StateSubscriber {
    /** Called on the feeder's thread: implementations hand the work to their own context. */
    void onState(ExtensionState state);
  }

  public interface Subscription extends AutoCloseable {
    @Override
    void close();
  }
}
