package com.callcentre.events.replay.reparse;

import com.callcentre.events.asai.AsaiEventDecoder;
import com.callcentre.events.asai.LayoutDescriptor;
import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.replay.ExitCode;
import com.callcentre.events.replay.ReplayCommand;
import com.callcentre.events.replay.ReplayException;
import com.callcentre.events.replay.kafka.Cluster;
import com.callcentre.events.replay.kafka.TopicRangeReader;
import com.callcentre.events.replay.output.Format;
import com.callcentre.events.replay.output.OutputOptions;
import com.callcentre.events.replay.output.Records;
import com.callcentre.events.replay.output.Row;
import com.callcentre.events.replay.output.RowPrinter;
import com.callcentre.events.replay.reparse.Reparser.Outcome;
import com.callcentre.events.replay.reparse.Reparser.Verdict;
import com.callcentre.events.replay.time.TimeRange;
import com.callcentre.events.schemas.topics.Topics;
import com.callcentre.events.switchreader.RawBufferHeaders;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bin/replay reparse}: the check that a parser or layout fix works before it is deployed.
 * Every raw switch buffer of the range goes through today's decoder with today's (or a given)
 * layout descriptor, and is compared with what was produced from it at the time.
 */
@Command(name = "reparse", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Re-parses the raw switch buffers of a range with today's decoder and a layout descriptor, and shows "
        + "which decode differently from what was produced at the time (field by field), which no longer decode, and "
        + "which now decode where they failed.", "",
        "Example: bin/replay reparse --from -1h --layout /etc/call-events/site-layout.properties"})
public final class ReparseCommand extends ReplayCommand {
  /** How far from a raw buffer's record time its event may have been written. */
  static final Duration EVENT_SLACK = Duration.ofMinutes(1);

  @Option(names = "--layout", paramLabel = "FILE", description = "layout descriptor: a file from the layout probe, or "
      + "classpath:... (default: the one ingest-switch uses by default, ${DEFAULT-VALUE})",
      defaultValue = "classpath:asai/layouts/simulator-lp64.properties")
  String layout;

  @Option(names = "--vdn", paramLabel = "VDN", description = "only buffers of this VDN")
  String vdn;

  @Option(names = "--all", description = "list unchanged buffers too (by default only the ones that differ)")
  boolean all;

  @Mixin
  OutputOptions output;

  @Override
  protected ExitCode run(Cluster cluster, TopicRangeReader reader, TimeRange range) {
    LayoutDescriptor descriptor = loadLayout();
    Reparser reparser = new Reparser(new AsaiEventDecoder(descriptor));
    Map<String, CallEvent> producedByUuid = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : reader.read(Topics.SWITCH_EVENTS.name(), range.widen(EVENT_SLACK))) {
      CallEvent e = cluster.decode(Topics.SWITCH_EVENTS, r.value());
      producedByUuid.put(e.getEventUuid(), e);
    }
    Records records = records();
    Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
    List<Row> rows = new ArrayList<>();
    int buffers = 0;
    for (ConsumerRecord<byte[], byte[]> r : reader.read(Topics.RAW_ASAI.name(), range)) {
      RawBufferHeaders h;
      try {
        h = RawBufferHeaders.from(r.headers());
      } catch (IllegalArgumentException | java.time.DateTimeException malformed) {
        rows.add(new Row(r.timestamp()).put("time", records.time(Instant.ofEpochMilli(r.timestamp())))
            .put("verdict", "UNREADABLE_HEADERS").put("reason", malformed.getMessage()).put("offset", Records.where(r)));
        continue;
      }
      if (vdn != null && !vdn.equals(h.vdn())) {
        continue;
      }
      buffers++;
      Optional<CallEvent> then = h.eventUuid().map(producedByUuid::get);
      Outcome o = reparser.reparse(r.value(), h, then);
      counts.merge(o.verdict(), 1, Integer::sum);
      if (all || o.verdict() != Verdict.UNCHANGED) {
        rows.add(new Row(r.timestamp()).put("time", records.time(h.receivedAt())).put("vdn", h.vdn())
            .put("verdict", o.verdict().name())
            .put("changes", o.changes().stream().map(Object::toString).collect(Collectors.joining("; ")))
            .put("reason", o.reason().orElse(null))
            .put("event", o.today().map(CallEvent::getEventNameS).or(() -> then.map(CallEvent::getEventNameS)).orElse(null))
            .put("layout_then", h.layoutId()).put("layout_now", descriptor.id())
            .put("uuid", h.eventUuid().orElse(null)).put("offset", Records.where(r)));
      }
    }
    if (buffers == 0) {
      err().println("no raw switch buffers in " + range.from() + " .. " + range.to());
      return ExitCode.NO_MATCH;
    }
    Format chosen = output.format();
    if (chosen == Format.TABLE) {
      out().println("reparsed " + buffers + " buffers with layout " + descriptor.id() + ": " + counts.entrySet().stream()
          .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(", ")));
    }
    new RowPrinter(out(), chosen).print(rows, List.of("time", "vdn", "verdict", "event", "changes", "reason", "offset"));
    return ExitCode.OK;
  }

  private LayoutDescriptor loadLayout() {
    try {
      return LayoutDescriptor.load(layout);
    } catch (IOException | RuntimeException e) {
      throw new ReplayException(ExitCode.USAGE, "--layout " + layout + " cannot be read: " + e.getMessage());
    }
  }
}
