package com.callcentre.events.switchreader;

import com.callcentre.events.asai.DecodedEvent;
import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.EventSource;
import java.time.Instant;

/**
 * How a decoded event report becomes a {@link CallEvent}: one function, used by the VDN readers
 * and by the replay tool's re-parse, so "what today's parser makes of a buffer" means the same in both.
 */
public final class SwitchEventMapper {
  private SwitchEventMapper() {}

  /**
   * The event, keyed (connect_num) by the connected party's extension, else the called number
   * while the call is only offered or alerting, else the VDN.
   */
  public static CallEvent toCallEvent(DecodedEvent e, String vdn, Instant receivedAt, String eventUuid) {
    String extension = e.connectedNum() != null ? e.connectedNum() : e.calledNum() != null ? e.calledNum() : vdn;
    return CallEvent.newBuilder()
        .setEventUuid(eventUuid)
        .setSource(EventSource.SWITCH)
        .setEventNameS(e.legacyName())
        .setConnectNum(extension)
        .setCallingNum(e.callingNum())
        .setCalledNum(e.calledNum())
        .setVdn(vdn)
        .setCallUniqueId(e.ucid())
        .setUcid(e.ucid())
        .setCallId(e.callId())
        .setSplit(e.split())
        .setCause(e.cause() == 0 ? null : Long.toString(e.cause()))
        .setEventTime(receivedAt)
        .setIngestTime(receivedAt)
        .build();
  }
}
