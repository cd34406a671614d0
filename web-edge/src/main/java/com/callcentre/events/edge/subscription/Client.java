package com.callcentre.events.edge.subscription;

import com.callcentre.events.edge.http.QueryParams;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who is on the other end of a session, for whoever debugs it: the protocol, the name the client
 * gave itself ({@code ?name=agent-1234}, an agent id or workstation; empty when it gave none), its
 * address and when it connected. Log lines about a connection and
 * {@code GET /api/extensions/{ext}/subscribers} show it.
 */
public record Client(String protocol, String name, SocketAddress address, Instant since) {
  /** Printable, bounded and without quotes or angle brackets, so it is safe in a log line and a page. */
  private static final Pattern NAME = Pattern.compile("[\\p{Alnum} ._@:/#-]{1,64}");
  public static final String NAME_RULE = "name must be 1 to 64 letters, digits, spaces or . _ @ : / # -";

  /** The client making {@code request}; empty when it gave a name that breaks {@link #NAME_RULE}. */
  public static Optional<Client> of(String protocol, HttpServerRequest request, QueryParams params) {
    String name = params.get("name");
    if (name != null && !NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    // The connection's own address object, not a string made from it: a held request keeps its
    // client, and the text is wanted only by a log line or a listing.
    return Optional.of(new Client(protocol, name == null ? "" : name, request.remoteAddress(), Instant.now()));
  }

  /** "127.0.0.1:52314"; empty when the connection has no address (a test's in-memory one). */
  public String remote() {
    return address == null ? "" : address.hostAddress() + ":" + address.port();
  }

  public boolean named() {
    return !name.isEmpty();
  }

  /** "websocket client 'agent-17' from 127.0.0.1:52314", for log lines. */
  @Override
  public String toString() {
    return protocol + " client " + (named() ? "'" + name + "' " : "") + "from " + remote();
  }
}
