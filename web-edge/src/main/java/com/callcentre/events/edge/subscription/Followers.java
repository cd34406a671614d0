package com.callcentre.events.edge.subscription;

import com.callcentre.events.edge.events.ExtensionId;
import com.callcentre.events.edge.events.Interest;
import com.callcentre.events.edge.state.ExtensionStateReplica;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who follows an extension on this edge, for whoever debugs "why does agent 17's screen not
 * move": the sessions following the extension itself, the VDN its latest call came through, or
 * everything. Each session describes itself on its own event loop, so nothing is read across
 * threads; the listing is capped so that a popular extension cannot make it expensive.
 */
public final class Followers {
  private final ExtensionStateReplica replica;
  private final int limit;

  public Followers(ExtensionStateReplica replica, int limit) {
    this.replica = replica;
    this.limit = limit;
  }

  /** {@code {"extension","total","listed","subscribers":[{name,protocol,remote,since,following,last_seq}]}}. */
  public Future<JsonObject> of(ExtensionId extension) {
    Set<SubscriberSession> sessions = new LinkedHashSet<>();
    interests(extension).forEach(i -> replica.subscribersOf(i).stream()
        .filter(SubscriberSession.class::isInstance).map(SubscriberSession.class::cast).forEach(sessions::add));
    List<Future<JsonObject>> described = sessions.stream().limit(limit)
        .map(s -> s.describe(extension.value())).toList();
    return Future.all(described).map(all -> {
      JsonArray listed = new JsonArray();
      described.stream().map(Future::result).filter(Objects::nonNull).forEach(listed::add);
      return new JsonObject()
          .put("extension", extension.value())
          .put("total", sessions.size())
          .put("listed", listed.size())
          .put("subscribers", listed);
    });
  }

  private List<Interest> interests(ExtensionId extension) {
    Interest own = new Interest.Extension(extension);
    return replica.get(extension.value())
        .flatMap(s -> ExtensionId.parse(s.getLatest().getEvent().getVdn()))
        .<List<Interest>>map(vdn -> List.of(own, new Interest.Vdn(vdn), Interest.ALL))
        .orElse(List.of(own, Interest.ALL));
  }
}
