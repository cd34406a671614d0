package com.callcentre.events.replay.call;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.CallSummary;
import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.replay.ExitCode;
import com.callcentre.events.replay.ReplayCommand;
import com.callcentre.events.replay.filter.EventFilter;
import com.callcentre.events.replay.kafka.Cluster;
import com.callcentre.events.replay.kafka.TopicRangeReader;
import com.callcentre.events.replay.output.Format;
import com.callcentre.events.replay.output.OutputOptions;
import com.callcentre.events.replay.output.Records;
import com.callcentre.events.replay.output.Row;
import com.callcentre.events.replay.output.RowPrinter;
import com.callcentre.events.replay.time.TimeRange;
import com.callcentre.events.schemas.topics.Topics;
import com.callcentre.events.switchreader.RawBufferHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bin/replay call}: the whole story of one call. Every event of the call from both sources
 * in time order, the sequence number each got on its extension and how long sequencing took, the
 * raw switch buffer behind each switch event, and the call's summary.
 */
@Command(name = "call", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"The story of one call: its events from both sources in time order, the sequence number each got "
        + "per extension, ingest-to-sequenced time, the raw switch buffers behind them, and the call summary.", "",
        "Example: bin/replay call 00001000011700000042 --from -1h"})
public final class CallCommand extends ReplayCommand {
  /** Later stages write after the event: look this much past the range for them. */
  static final Duration LATER_STAGES = Duration.ofMinutes(15);

  @picocli.CommandLine.Parameters(paramLabel = "CALL", description = "the UCID, call_unique_id or switch call id")
  String callId;

  @Mixin
  OutputOptions output;

  @Override
  protected ExitCode run(Cluster cluster, TopicRangeReader reader, TimeRange range) {
    Records records = records();
    List<CallEvent> events = new ArrayList<>();
    Map<String, ConsumerRecord<byte[], byte[]>> recordOf = new HashMap<>();
    for (var topic : List.of(Topics.SWITCH_EVENTS, Topics.DIALER_EVENTS)) {
      for (ConsumerRecord<byte[], byte[]> r : reader.read(topic.name(), range)) {
        CallEvent e = cluster.decode(topic, r.value());
        if (EventFilter.isCall(e, callId)) {
          events.add(e);
          recordOf.put(e.getEventUuid(), r);
        }
      }
    }
    if (events.isEmpty()) {
      err().println("no event of call " + callId + " in " + range.from() + " .. " + range.to() + " (widen --from/--to?)");
      return ExitCode.NO_MATCH;
    }
    TimeRange later = new TimeRange(range.from(), range.to().plus(LATER_STAGES));
    Map<String, ExtensionEvent> sequenced = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : reader.read(Topics.EXTENSION_EVENTS.name(), later)) {
      ExtensionEvent x = cluster.decode(Topics.EXTENSION_EVENTS, r.value());
      if (recordOf.containsKey(x.getEvent().getEventUuid())) {
        sequenced.put(x.getEvent().getEventUuid(), x);
      }
    }
    Map<String, ConsumerRecord<byte[], byte[]>> raw = rawBuffers(reader, range, recordOf.keySet());

    List<Row> rows = new ArrayList<>();
    events.sort(Comparator.comparing(CallEvent::getEventTime).thenComparing(e -> recordOf.get(e.getEventUuid()).timestamp()));
    for (CallEvent e : events) {
      Row row = records.callEvent(recordOf.get(e.getEventUuid()), e);
      ExtensionEvent x = sequenced.get(e.getEventUuid());
      row.put("seq", x == null ? "not sequenced" : x.getSeq());
      row.put("ingest_to_seq_ms", x == null ? null : Duration.between(e.getIngestTime(), x.getSequencedTime()).toMillis());
      ConsumerRecord<byte[], byte[]> buffer = raw.get(e.getEventUuid());
      row.put("raw", buffer == null ? null : buffer.value().length + " bytes at " + Records.where(buffer));
      rows.add(row);
    }
    SectionPrinter printer = new SectionPrinter(output.format());
    printer.section("events of call " + callId, rows, List.of("time", "source", "extension", "seq", "event", "calling",
        "called", "vdn", "ingest_to_seq_ms", "raw"));

    List<Row> summaries = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : reader.read(Topics.CALL_SUMMARIES.name(), later)) {
      CallSummary s = cluster.decode(Topics.CALL_SUMMARIES, r.value());
      if (callId.equals(s.getCallKey()) || callId.equals(s.getUcid())
          || (s.getCallId() != null && callId.equals(Long.toString(s.getCallId())))) {
        summaries.add(records.summary(r, s));
      }
    }
    if (summaries.isEmpty()) {
      summaries.add(new Row(0).put("outcome", "no summary yet (the call has not ended or timed out in this range)"));
    }
    printer.section("summary", summaries, List.of("outcome", "extensions", "offered", "connected", "ended", "ring_ms",
        "talk_ms", "events"));
    return ExitCode.OK;
  }

  /** Raw buffers of the events, matched by the event-uuid header the switch reader writes on each. */
  private static Map<String, ConsumerRecord<byte[], byte[]>> rawBuffers(TopicRangeReader reader, TimeRange range,
      java.util.Set<String> uuids) {
    Map<String, ConsumerRecord<byte[], byte[]>> byUuid = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : reader.read(Topics.RAW_ASAI.name(), range)) {
      try {
        RawBufferHeaders h = RawBufferHeaders.from(r.headers());
        h.eventUuid().filter(uuids::contains).ifPresent(u -> byUuid.put(u, r));
      } catch (IllegalArgumentException | java.time.DateTimeException malformed) {
        // a raw record without usable headers cannot be tied to an event
      }
    }
    return byUuid;
  }

  /** Sections with a title in the table format; JSON and CSV rows carry a "section" column instead. */
  private final class SectionPrinter {
    private final Format chosen;

    SectionPrinter(Format chosen) {
      this.chosen = chosen;
    }

    void section(String title, List<Row> rows, List<String> columns) {
      if (chosen == Format.TABLE) {
        out().println("== " + title);
      } else {
        rows.forEach(r -> r.put("section", title));
      }
      new RowPrinter(out(), chosen).print(rows, columns);
      if (chosen == Format.TABLE) {
        out().println();
      }
    }
  }
}
