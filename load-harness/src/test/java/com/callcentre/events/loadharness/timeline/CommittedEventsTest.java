package com.callcentre.events.loadharness.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.EventSource;
import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.schemas.serde.AvroBinary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.EndTransactionMarker;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A segment file written in the broker's own format: committed, aborted and plain batches. */
class CommittedEventsTest {
  private static final long T = 1_795_530_000_000L;
  private static final long PRODUCER = 7;
  private static final short EPOCH = 0;

  private static SimpleRecord event(long origin, long ingest, long sequenced) throws Exception {
    CallEvent call = CallEvent.newBuilder().setEventUuid("u-" + sequenced).setSource(EventSource.SWITCH)
        .setEventNameS("C_ALERTING").setConnectNum("4567").setEventTime(Instant.ofEpochMilli(origin))
        .setIngestTime(Instant.ofEpochMilli(ingest)).build();
    ExtensionEvent e = new ExtensionEvent("4567", sequenced, Instant.ofEpochMilli(sequenced), call);
    return new SimpleRecord(sequenced, "4567".getBytes(StandardCharsets.UTF_8), AvroBinary.framed(42, e));
  }

  private static MemoryRecords marker(long offset, long time, ControlRecordType type) {
    return MemoryRecords.withEndTransactionMarker(offset, time, 0, PRODUCER, EPOCH, new EndTransactionMarker(type, 0));
  }

  @Test
  void eachCommittedEventGetsItsCommitMarkersTimeAndAbortedOnesAreLeftOut(@TempDir Path partition) throws Exception {
    try (FileRecords segment = FileRecords.open(partition.resolve("00000000000000000000.log").toFile())) {
      segment.append(MemoryRecords.withTransactionalRecords(0, Compression.NONE, PRODUCER, EPOCH, 0, 0,
          event(T, T + 2, T + 10), event(T + 1, T + 3, T + 12)));
      segment.append(marker(2, T + 40, ControlRecordType.COMMIT));
      segment.append(MemoryRecords.withTransactionalRecords(3, Compression.NONE, PRODUCER, EPOCH, 2, 0,
          event(T + 50, T + 51, T + 60)));
      segment.append(marker(4, T + 90, ControlRecordType.ABORT));
      segment.append(MemoryRecords.withRecords(5, Compression.NONE, event(T + 100, T + 101, T + 130)));
    }
    Files.writeString(partition.resolve("00000000000000000000.index"), ""); // other files beside are ignored

    assertThat(CommittedEvents.readPartition(partition)).containsExactly(
        new Delivery(T, T + 2, T + 10, T + 40),
        new Delivery(T + 1, T + 3, T + 12, T + 40),
        new Delivery(T + 100, T + 101, T + 130, -1));
  }

  @Test
  void aRecordThatIsNotAFramedExtensionEventIsNamed(@TempDir Path partition) throws Exception {
    try (FileRecords segment = FileRecords.open(partition.resolve("00000000000000000000.log").toFile())) {
      segment.append(MemoryRecords.withRecords(0, Compression.NONE, new SimpleRecord(T, null, new byte[] {0, 0, 0, 0, 1, 2})));
    }
    assertThatThrownBy(() -> CommittedEvents.readPartition(partition))
        .hasMessageContaining("not a framed ExtensionEvent");
  }
}
