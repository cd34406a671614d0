package com.callcentre.events.streams.calls;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.CallOutcome;
import com.callcentre.events.avro.CallSummary;
import com.callcentre.events.avro.CallTracking;
import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.schemas.events.EventKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a call's events add up to its summary. What each event name means is {@link EventKind}'s
 * call (exact names from the switch and the dialers), never a guess from a part of the name.
 */
public final class CallSummaries {
  private CallSummaries() {}

  /** The UCID, else the legacy call_unique_id, else the source's call id; empty if the event names no call. */
  public static Optional<String> callKey(CallEvent e) {
    if (notBlank(e.getUcid())) {
      return Optional.of(e.getUcid());
    }
    if (notBlank(e.getCallUniqueId()) && !e.getCallUniqueId().equals("00000000-0000-0000-0000-000000000000")) {
      return Optional.of(e.getCallUniqueId());
    }
    if (e.getCallId() != null) {
      return Optional.of(e.getSource() + ":" + e.getCallId());
    }
    return Optional.empty();
  }

  public static boolean ends(CallEvent e) {
    return EventKind.of(e.getEventNameS()) == EventKind.ENDED;
  }

  /**
   * The tracking after one more event of the call ({@code previous} null for the first). A
   * {@code previous} is updated in place and returned: it is the record just read from the store
   * and belongs to this call alone, so copying it through builders on every event (6 % of the
   * correlator's time in a bin/bench latency profile) bought nothing.
   */
  public static CallTracking apply(CallTracking previous, String callKey, ExtensionEvent sequenced) {
    CallEvent e = sequenced.getEvent();
    Instant at = e.getEventTime();
    CallTracking t = previous != null ? previous : CallTracking.newBuilder().setSummary(newSummary(callKey, e))
        .setFirstEventTime(at).setLastActivityTime(e.getIngestTime())
        .setDropSeen(false).setTransferred(false).setConferenced(false).build();
    CallSummary s = t.getSummary();
    fillBlanks(s, e);
    if (!s.getExtensions().contains(e.getConnectNum())) {
      List<String> extensions = new ArrayList<>(s.getExtensions());
      extensions.add(e.getConnectNum());
      s.setExtensions(extensions);
    }
    s.setEventCount(s.getEventCount() + 1);
    switch (EventKind.of(e.getEventNameS())) {
      case OFFERED -> {
        if (s.getOfferedTime() == null) {
          s.setOfferedTime(at);
        }
      }
      case CONNECTED -> {
        if (s.getConnectedTime() == null) {
          s.setConnectedTime(at);
        }
      }
      case DROPPED -> t.setDropSeen(true);
      case TRANSFERRED -> t.setTransferred(true);
      case CONFERENCED -> t.setConferenced(true);
      case ENDED -> s.setEndedTime(at);
      case ALERTING, HELD, RETRIEVED, OTHER -> { }
    }
    if (at.isBefore(t.getFirstEventTime())) {
      t.setFirstEventTime(at);
    }
    t.setLastActivityTime(e.getIngestTime());
    return t;
  }

  /** The finished summary: at its end, or when it timed out. */
  public static CallSummary close(CallTracking t, boolean timedOut) {
    CallSummary s = CallSummary.newBuilder(t.getSummary()).build();
    Instant ringStart = s.getOfferedTime() != null ? s.getOfferedTime() : t.getFirstEventTime();
    if (s.getConnectedTime() != null) {
      s.setRingMs(Duration.between(ringStart, s.getConnectedTime()).toMillis());
      if (s.getEndedTime() != null) {
        s.setTalkMs(Duration.between(s.getConnectedTime(), s.getEndedTime()).toMillis());
      }
    }
    s.setOutcome(outcome(t, s, timedOut));
    return s;
  }

  private static CallOutcome outcome(CallTracking t, CallSummary s, boolean timedOut) {
    if (timedOut && !t.getDropSeen() && s.getEndedTime() == null) {
      return CallOutcome.TIMED_OUT;
    }
    if (t.getTransferred()) {
      return CallOutcome.TRANSFERRED;
    }
    if (t.getConferenced()) {
      return CallOutcome.CONFERENCED;
    }
    return s.getConnectedTime() != null ? CallOutcome.ANSWERED : CallOutcome.ABANDONED;
  }

  private static CallSummary newSummary(String callKey, CallEvent e) {
    return CallSummary.newBuilder()
        .setCallKey(callKey)
        .setSource(e.getSource())
        .setExtensions(List.of())
        .setOutcome(CallOutcome.UNKNOWN)
        .setEventCount(0)
        .build();
  }

  private static void fillBlanks(CallSummary s, CallEvent e) {
    if (s.getUcid() == null) {
      s.setUcid(e.getUcid());
    }
    if (s.getCallId() == null) {
      s.setCallId(e.getCallId());
    }
    if (s.getVdn() == null) {
      s.setVdn(e.getVdn());
    }
    if (s.getCallingNum() == null) {
      s.setCallingNum(e.getCallingNum());
    }
    if (s.getCalledNum() == null) {
      s.setCalledNum(e.getCalledNum());
    }
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }
}
