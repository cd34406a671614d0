package com.callcentre.events.replay.output;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.CallSummary;
import com.callcentre.events.avro.DeadLetter;
import com.callcentre.events.avro.ExtensionEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** How each kind of retained record reads as a row: one vocabulary of column names for every command. */
public final class Records {
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  private final ZoneId zone;

  public Records(ZoneId zone) {
    this.zone = zone;
  }

  public String time(Instant t) {
    return t == null ? null : LOCAL.format(t.atZone(zone));
  }

  private Row base(ConsumerRecord<?, ?> r, String kind) {
    return new Row(r.timestamp()).put("time", time(Instant.ofEpochMilli(r.timestamp()))).put("kind", kind);
  }

  /** A call event of the switch or dialer topic. */
  public Row callEvent(ConsumerRecord<?, ?> r, CallEvent e) {
    return event(base(r, e.getSource().name().toLowerCase(java.util.Locale.ROOT)), e).put("offset", where(r));
  }

  /** A sequenced event: what the screens of its extension were sent. */
  public Row sequenced(ConsumerRecord<?, ?> r, ExtensionEvent x) {
    Row row = base(r, "sequenced").put("seq", x.getSeq());
    return event(row, x.getEvent()).put("extension", x.getExtension())
        .put("sequenced_time", time(x.getSequencedTime())).put("offset", where(r));
  }

  private Row event(Row row, CallEvent e) {
    return row.put("extension", e.getConnectNum())
        .put("event", e.getEventNameS())
        .put("calling", e.getCallingNum())
        .put("called", e.getCalledNum())
        .put("vdn", e.getVdn())
        .put("call", callId(e))
        .put("source", e.getSource().name())
        .put("event_time", time(e.getEventTime()))
        .put("ingest_time", time(e.getIngestTime()))
        .put("uuid", e.getEventUuid());
  }

  public Row deadLetter(ConsumerRecord<?, ?> r, DeadLetter d) {
    return base(r, "dead-letter")
        .put("event", "rejected: " + d.getReason())
        .put("source", d.getSource())
        .put("detail", d.getDetail())
        .put("payload", payloadText(d.getPayload()))
        .put("offset", where(r));
  }

  public Row undecodable(ConsumerRecord<?, ?> r, String kind, Exception why) {
    return base(r, kind).put("event", "undecodable record: " + why.getMessage()).put("offset", where(r));
  }

  public Row summary(ConsumerRecord<?, ?> r, CallSummary s) {
    return base(r, "summary")
        .put("call", s.getCallKey())
        .put("outcome", s.getOutcome().name())
        .put("extensions", String.join(" ", s.getExtensions()))
        .put("vdn", s.getVdn())
        .put("calling", s.getCallingNum())
        .put("offered", time(s.getOfferedTime()))
        .put("connected", time(s.getConnectedTime()))
        .put("ended", time(s.getEndedTime()))
        .put("ring_ms", s.getRingMs())
        .put("talk_ms", s.getTalkMs())
        .put("events", s.getEventCount());
  }

  /** The id a person would quote for the call: its UCID, else its call_unique_id, else the switch call id. */
  public static String callId(CallEvent e) {
    if (e.getUcid() != null) {
      return e.getUcid();
    }
    if (e.getCallUniqueId() != null) {
      return e.getCallUniqueId();
    }
    return e.getCallId() == null ? null : Long.toString(e.getCallId());
  }

  /** Where the record is, for {@code kafka-console-consumer --partition P --offset O}. */
  public static String where(ConsumerRecord<?, ?> r) {
    return r.partition() + "@" + r.offset();
  }

  public static String payloadText(ByteBuffer payload) {
    ByteBuffer b = payload.duplicate();
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    String text = new String(bytes, StandardCharsets.UTF_8);
    // Binary payloads (raw switch buffers) print their printable runs only.
    return text.chars().allMatch(c -> c >= 0x20 || c == '\n' || c == '\t') ? text
        : text.replaceAll("[^\\x20-\\x7e]+", " ").trim();
  }
}
