package com.callcentre.events.replay.events;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.DeadLetter;
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
import com.callcentre.events.schemas.topics.TopicSpec;
import com.callcentre.events.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bin/replay events}: the decoded events, sequenced events and dead letters of a time range. */
@Command(name = "events", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"The call events (switch and dialer), the sequenced events the screens were sent, and the dead "
        + "letters of a time range, filtered, in time order.", "",
        "Example: bin/replay events --from 10:02 --to 10:05 --extension 4567"})
public final class EventsCommand extends ReplayCommand {

  /** The topics events can come from. */
  public enum Kind { SWITCH, DIALER, SEQUENCED, DEAD_LETTERS }

  @Mixin
  EventFilter filter;

  @Option(names = "--topics", split = ",", paramLabel = "KIND",
      description = "which of switch, dialer, sequenced, dead_letters to read (default: all)")
  EnumSet<Kind> kinds = EnumSet.allOf(Kind.class);

  @Mixin
  OutputOptions output;

  @Override
  protected ExitCode run(Cluster cluster, TopicRangeReader reader, TimeRange range) {
    Records records = records();
    List<Row> rows = new ArrayList<>();
    if (kinds.contains(Kind.SWITCH)) {
      rows.addAll(callEvents(cluster, reader, range, Topics.SWITCH_EVENTS, records));
    }
    if (kinds.contains(Kind.DIALER)) {
      rows.addAll(callEvents(cluster, reader, range, Topics.DIALER_EVENTS, records));
    }
    if (kinds.contains(Kind.SEQUENCED)) {
      for (ConsumerRecord<byte[], byte[]> r : reader.read(Topics.EXTENSION_EVENTS.name(), range)) {
        decoded(cluster, Topics.EXTENSION_EVENTS, r, records, "sequenced", rows, (ExtensionEvent x) ->
            filter.matches(x.getEvent()) ? records.sequenced(r, x) : null);
      }
    }
    if (kinds.contains(Kind.DEAD_LETTERS)) {
      for (ConsumerRecord<byte[], byte[]> r : reader.read(Topics.DEAD_LETTER.name(), range)) {
        decoded(cluster, Topics.DEAD_LETTER, r, records, "dead-letter", rows, (DeadLetter d) ->
            filter.matchesRejected(Records.payloadText(d.getPayload()), d.getSource()) ? records.deadLetter(r, d) : null);
      }
    }
    if (rows.isEmpty()) {
      err().println("no records matched in " + range.from() + " .. " + range.to());
      return ExitCode.NO_MATCH;
    }
    rows.sort(Comparator.comparingLong(Row::sortTime));
    new RowPrinter(out(), output.format())
        .print(rows, List.of("time", "kind", "extension", "seq", "event", "calling", "called", "vdn", "call", "uuid"));
    return ExitCode.OK;
  }

  private List<Row> callEvents(Cluster cluster, TopicRangeReader reader, TimeRange range, TopicSpec<String, CallEvent> topic,
      Records records) {
    List<Row> rows = new ArrayList<>();
    String kind = topic == Topics.SWITCH_EVENTS ? "switch" : "dialer";
    for (ConsumerRecord<byte[], byte[]> r : reader.read(topic.name(), range)) {
      decoded(cluster, topic, r, records, kind, rows, (CallEvent e) -> filter.matches(e) ? records.callEvent(r, e) : null);
    }
    return rows;
  }

  /** Decodes one record into a row (or none when filtered out); an undecodable record is shown, not fatal. */
  static <V> void decoded(Cluster cluster, TopicSpec<?, V> topic, ConsumerRecord<byte[], byte[]> r, Records records,
      String kind, List<Row> rows, java.util.function.Function<V, Row> toRow) {
    V value;
    try {
      value = cluster.decode(topic, r.value());
    } catch (org.apache.kafka.common.errors.SerializationException e) {
      if (e.getCause() instanceof com.callcentre.events.schemas.registry.SchemaRegistryException sre && sre.httpStatus() == 0) {
        throw new com.callcentre.events.replay.ReplayException(ExitCode.REGISTRY_UNREACHABLE,
            "the schema registry stopped answering: " + sre.getMessage(), e);
      }
      rows.add(records.undecodable(r, kind, e));
      return;
    }
    Row row = toRow.apply(value);
    if (row != null) {
      rows.add(row);
    }
  }
}
