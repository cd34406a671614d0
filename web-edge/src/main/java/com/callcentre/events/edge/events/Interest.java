package com.callcentre.events.edge.events;

import com.callcentre.events.avro.ExtensionEvent;

/**
 * What a subscriber follows: one extension, every extension while it handles a VDN's calls (a
 * supervisor's wallboard), or everything.
 */
public sealed interface Interest {
  Interest ALL = new All();

  /** Whether this event is one the subscriber asked for. */
  boolean matches(ExtensionEvent event);

  /** For refusals and logs: "extension 4567", "vdn 4500", "all extensions". */
  String describe();

  record Extension(ExtensionId id) implements Interest {
    @Override
    public boolean matches(ExtensionEvent event) {
      return id.value().equals(event.getExtension());
    }

    @Override
    public String describe() {
      return "extension " + id;
    }
  }

  /** Events of calls that came in through this VDN, on whichever extension. */
  record Vdn(ExtensionId vdn) implements Interest {
    @Override
    public boolean matches(ExtensionEvent event) {
      return vdn.value().equals(event.getEvent().getVdn());
    }

    @Override
    public String describe() {
      return "vdn " + vdn;
    }
  }

  record All() implements Interest {
    @Override
    public boolean matches(ExtensionEvent event) {
      return true;
    }

    @Override
    public String describe() {
      return "all extensions";
    }
  }
}
