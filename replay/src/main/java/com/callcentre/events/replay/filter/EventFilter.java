package com.callcentre.events.replay.filter;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.EventSource;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Which call events an engineer wants to see; every given option must match (unset options match all). */
public final class EventFilter {
  @Option(names = {"-e", "--extension"}, paramLabel = "EXT", description = "the extension (connect_num) the event is for")
  String extension;

  @Option(names = "--vdn", paramLabel = "VDN", description = "the VDN the call came in on")
  String vdn;

  @Option(names = "--call", paramLabel = "ID",
      description = "a UCID, a call_unique_id or a switch call id: events of that one call")
  String call;

  @Option(names = "--source", paramLabel = "SOURCE", description = "SWITCH or DIALER")
  EventSource source;

  @Option(names = "--event-name", paramLabel = "NAME", description = "exact event name, any case (C_CONNECTED, C_DROP ...)")
  String eventName;

  public static EventFilter all() {
    return new EventFilter();
  }

  public static EventFilter forCall(String id) {
    EventFilter f = new EventFilter();
    f.call = id;
    return f;
  }

  public boolean matches(CallEvent e) {
    return (extension == null || extension.equals(e.getConnectNum()))
        && (vdn == null || vdn.equals(e.getVdn()))
        && (call == null || isCall(e, call))
        && (source == null || source == e.getSource())
        && (eventName == null || eventName.equalsIgnoreCase(e.getEventNameS()));
  }

  /** Whether the event belongs to the call with this id (UCID, call_unique_id or switch call id). */
  public static boolean isCall(CallEvent e, String id) {
    return id.equals(e.getUcid()) || id.equals(e.getCallUniqueId())
        || (e.getCallId() != null && id.equals(Long.toString(e.getCallId())));
  }

  /**
   * A dead letter matches when the filter names nothing but the extension, VDN or call, and the
   * rejected payload contains that text: a rejected message could not be parsed into fields, so
   * its raw text is all there is to match.
   */
  public boolean matchesRejected(String payloadText, String origin) {
    if (source != null && !origin.toLowerCase(Locale.ROOT).contains(source.name().toLowerCase(Locale.ROOT))) {
      return false;
    }
    return eventName == null
        && (extension == null || payloadText.contains(extension))
        && (vdn == null || payloadText.contains(vdn) || origin.endsWith("vdn-" + vdn))
        && (call == null || payloadText.contains(call));
  }
}
