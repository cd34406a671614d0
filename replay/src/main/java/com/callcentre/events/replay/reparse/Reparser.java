package com.callcentre.events.replay.reparse;

import com.callcentre.events.asai.AsaiEventDecoder;
import com.callcentre.events.asai.DecodedEvent;
import com.callcentre.events.asai.UndecodableBufferException;
import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.switchreader.RawBufferHeaders;
import com.callcentre.events.switchreader.SwitchEventMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs one recorded raw buffer through today's decoder and compares the result, field by field,
 * with what the switch reader produced when it read the buffer. The mapping from a decoded report
 * to an event is the reader's own ({@link SwitchEventMapper}), so a difference is the decoder's or
 * the layout's, nothing else.
 */
public final class Reparser {
  /** The fields a parser decides; uuid and times come from the reader, not the buffer. */
  static final List<String> FIELDS = List.of("event_name_s", "connect_num", "calling_num", "called_num", "vdn",
      "call_unique_id", "ucid", "call_id", "split", "cause");

  public enum Verdict {
    /** Decodes today to the same event as then. */
    UNCHANGED,
    /** Decodes today, to a different event. */
    CHANGED,
    /** Decoded then, fails today. */
    NO_LONGER_DECODES,
    /** Failed then, decodes today. */
    NOW_DECODES,
    /** Failed then and fails today. */
    STILL_FAILS
  }

  public record FieldChange(String field, Object then, Object now) {
    @Override
    public String toString() {
      return field + ": " + then + " -> " + now;
    }
  }

  /** What became of one buffer; {@code reason} is today's decoding failure, if any. */
  public record Outcome(Verdict verdict, List<FieldChange> changes, Optional<String> reason, Optional<CallEvent> today) {}

  private final AsaiEventDecoder decoder;

  public Reparser(AsaiEventDecoder decoder) {
    this.decoder = decoder;
  }

  /**
   * @param then the event produced from this buffer at the time, or empty if it was rejected then
   */
  public Outcome reparse(byte[] buffer, RawBufferHeaders headers, Optional<CallEvent> then) {
    CallEvent today;
    try {
      DecodedEvent decoded = decoder.decode(buffer, buffer.length, headers.bufferAddress());
      String uuid = then.map(CallEvent::getEventUuid).or(headers::eventUuid).orElse("reparsed");
      today = SwitchEventMapper.toCallEvent(decoded, headers.vdn(), headers.receivedAt(), uuid);
    } catch (UndecodableBufferException | RuntimeException failure) {
      String reason = failure instanceof UndecodableBufferException u ? u.reason() + ": " + u.getMessage() : failure.toString();
      return new Outcome(then.isPresent() ? Verdict.NO_LONGER_DECODES : Verdict.STILL_FAILS, List.of(),
          Optional.of(reason), Optional.empty());
    }
    if (then.isEmpty()) {
      return new Outcome(Verdict.NOW_DECODES, List.of(), Optional.empty(), Optional.of(today));
    }
    List<FieldChange> changes = new ArrayList<>();
    for (String field : FIELDS) {
      Object before = text(then.get().get(field));
      Object after = text(today.get(field));
      if (!Objects.equals(before, after)) {
        changes.add(new FieldChange(field, before, after));
      }
    }
    return new Outcome(changes.isEmpty() ? Verdict.UNCHANGED : Verdict.CHANGED, changes, Optional.empty(), Optional.of(today));
  }

  /** Avro strings may be Utf8 or String: compare their text. */
  private static Object text(Object v) {
    return v instanceof CharSequence cs ? cs.toString() : v;
  }
}
