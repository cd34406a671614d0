package com.callcentre.events.loadharness.timeline;

import com.callcentre.events.avro.ExtensionEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;

/**
 * Reads the sequenced events of one partition straight from the broker's log segment files (a
 * stopped broker's, such as a bench run's {@code kafka/kafka-logs}), each with the time its
 * transaction's commit marker was written. Events of aborted transactions are left out, as a
 * read_committed reader never sees them.
 *
 * <p>Uses Kafka's own segment reader from kafka-clients' internal record package: a debugging tool
 * that follows the broker's on-disk format, not a service.
 */
public final class CommittedEvents {
  /** The registry's framing before each Avro body: a magic byte and a 4-byte schema id. */
  private static final int FRAMING = 5;

  private CommittedEvents() {}

  public static List<Delivery> readPartition(Path partitionDir) {
    List<Path> segments;
    try (Stream<Path> files = Files.list(partitionDir)) {
      segments = files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + partitionDir, e);
    }
    SpecificDatumReader<ExtensionEvent> reader = new SpecificDatumReader<>(ExtensionEvent.class);
    List<Delivery> out = new ArrayList<>();
    Map<Long, List<long[]>> openByProducer = new HashMap<>();
    for (Path segment : segments) {
      try (FileRecords records = FileRecords.open(segment.toFile())) {
        for (RecordBatch batch : records.batches()) {
          if (batch.isControlBatch()) {
            List<long[]> open = openByProducer.remove(batch.producerId());
            Record marker = batch.iterator().next();
            if (open != null && ControlRecordType.parse(marker.key()) == ControlRecordType.COMMIT) {
              open.forEach(t -> out.add(new Delivery(t[0], t[1], t[2], batch.maxTimestamp())));
            }
            continue;
          }
          for (Record record : batch) {
            long[] times = times(reader, record.value());
            if (batch.isTransactional()) {
              openByProducer.computeIfAbsent(batch.producerId(), id -> new ArrayList<>()).add(times);
            } else {
              out.add(new Delivery(times[0], times[1], times[2], -1));
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + segment, e);
      }
    }
    return out;
  }

  private static long[] times(SpecificDatumReader<ExtensionEvent> reader, ByteBuffer value) {
    byte[] bytes = new byte[value.remaining()];
    value.get(bytes);
    try {
      ExtensionEvent e = reader.read(null, DecoderFactory.get().binaryDecoder(bytes, FRAMING, bytes.length - FRAMING, null));
      return new long[] {e.getEvent().getEventTime().toEpochMilli(), e.getEvent().getIngestTime().toEpochMilli(),
          e.getSequencedTime().toEpochMilli()};
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("a record of extension-events.v1 is not a framed ExtensionEvent: " + e, e);
    }
  }
}
