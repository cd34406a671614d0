package com.callcentre.events.schemas.topics;

import static com.callcentre.events.schemas.topics.RecordFormat.BYTES;
import static com.callcentre.events.schemas.topics.RecordFormat.STRING;
import static com.callcentre.events.schemas.topics.RecordFormat.avro;
import static com.callcentre.events.schemas.topics.TopicSpec.Cleanup.COMPACT;
import static com.callcentre.events.schemas.topics.TopicSpec.Cleanup.RETAIN_HISTORY;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.CallSummary;
import com.callcentre.events.avro.DeadLetter;
import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.avro.ExtensionState;
import java.util.List;

/**
 * The catalogue of every topic the pipeline uses. Services, tests and the admin tooling refer to
 * these constants; no topic name is written anywhere else. Names carry a version suffix: an
 * incompatible change gets a new topic, never a rewrite of an old one.
 */
public final class Topics {
  private Topics() {}

  public static final TopicSpec<String, CallEvent> SWITCH_EVENTS = new TopicSpec<>(
      "call-events.switch.v1",
      "Decoded switch (CVLAN/ASAI) events, keyed by extension.",
      STRING, avro(CallEvent.class), RETAIN_HISTORY);

  public static final TopicSpec<String, CallEvent> DIALER_EVENTS = new TopicSpec<>(
      "call-events.dialer.v1",
      "Outbound dialer events (0MQ and HTTP intake), keyed by extension.",
      STRING, avro(CallEvent.class), RETAIN_HISTORY);

  public static final TopicSpec<String, byte[]> RAW_ASAI = new TopicSpec<>(
      "call-events.raw-asai.v1",
      "Every buffer read from the switch library, byte for byte, keyed by VDN;"
          + " headers carry the VDN, layout id and receive time so buffers can be re-parsed.",
      STRING, BYTES, RETAIN_HISTORY);

  public static final TopicSpec<String, DeadLetter> DEAD_LETTER = new TopicSpec<>(
      "call-events.dlq.v1",
      "Input no stage could accept, whole, with the reason; keyed by where it came from.",
      STRING, avro(DeadLetter.class), RETAIN_HISTORY);

  public static final TopicSpec<String, ExtensionEvent> EXTENSION_EVENTS = new TopicSpec<>(
      "extension-events.v1",
      "Every event from both sources, de-duplicated and numbered 1, 2, 3 ... per extension.",
      STRING, avro(ExtensionEvent.class), RETAIN_HISTORY);

  public static final TopicSpec<String, ExtensionState> EXTENSION_STATE = new TopicSpec<>(
      "extension-state.v1",
      "Latest event per extension; compacted, read by every web edge when it starts.",
      STRING, avro(ExtensionState.class), COMPACT);

  public static final TopicSpec<String, CallSummary> CALL_SUMMARIES = new TopicSpec<>(
      "call-summaries.v1",
      "One record per finished (or timed-out) call, keyed by UCID or call id.",
      STRING, avro(CallSummary.class), RETAIN_HISTORY);

  public static final List<TopicSpec<?, ?>> ALL = List.of(
      SWITCH_EVENTS, DIALER_EVENTS, RAW_ASAI, DEAD_LETTER, EXTENSION_EVENTS, EXTENSION_STATE, CALL_SUMMARIES);
}
