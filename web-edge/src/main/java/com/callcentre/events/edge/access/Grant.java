package com.callcentre.events.edge.access;

import com.callcentre.events.edge.events.Interest;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What one client may follow: extensions ({@code "*"} for all of them) and VDNs, until
 * {@code expires} (empty: no end, which only open access grants).
 */
public record Grant(Set<String> extensions, Set<String> vdns, Optional<Instant> expires) {
  public static final String ANY = "*";
  static final Grant EVERYTHING = new Grant(Set.of(ANY), Set.of(), Optional.empty());

  public Grant {
    extensions = Set.copyOf(extensions);
    vdns = Set.copyOf(vdns);
  }

  public boolean allows(Interest interest) {
    if (extensions.contains(ANY)) {
      return true;
    }
    return switch (interest) {
      case Interest.Extension e -> extensions.contains(e.id().value());
      case Interest.Vdn v -> vdns.contains(ANY) || vdns.contains(v.vdn().value());
      case Interest.All all -> false;
    };
  }
}
