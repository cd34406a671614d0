package com.callcentre.events.edge.bench;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.EventSource;
import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.avro.ExtensionState;
import com.callcentre.events.edge.state.CatchUp;
import com.callcentre.events.edge.state.ExtensionStateReplica;
import com.callcentre.events.schemas.serde.AvroBinary;
import com.callcentre.events.testsupport.BenchArgs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * The heap an edge's replica takes with every extension's window full, its events kept as objects
 * and as the bytes they came in ({@code CompactWindow}), and what catching a subscriber up across a
 * whole window then costs. The events carry every field a switch event fills.
 *
 * <pre>bin/bench edge-window [extensions=10000] [window=32] [rounds=3]</pre>
 */
public final class WindowMemoryBenchmark {
  private static final int SCHEMA_ID = 1;

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = BenchArgs.parse(args);
    int extensions = Integer.parseInt(opts.getOrDefault("extensions", "10000"));
    int window = Integer.parseInt(opts.getOrDefault("window", "32"));
    int rounds = Integer.parseInt(opts.getOrDefault("rounds", "3"));
    SpecificDatumReader<ExtensionEvent> reader = new SpecificDatumReader<>(ExtensionEvent.class);
    Function<byte[], ExtensionEvent> decoder = framed -> {
      try {
        return reader.read(null, DecoderFactory.get().binaryDecoder(framed, 5, framed.length - 5, null));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
    System.out.printf("replica windows: %d extensions x %d events, %d rounds%n", extensions, window, rounds);
    for (int round = 1; round <= rounds; round++) {
      for (boolean asBytes : new boolean[] {false, true}) {
        long before = usedHeap();
        ExtensionStateReplica replica = new ExtensionStateReplica(window);
        for (int seq = 1; seq <= window; seq++) {
          for (int x = 0; x < extensions; x++) {
            ExtensionEvent event = event(String.valueOf(10_000 + x), seq);
            replica.apply(event, asBytes ? AvroBinary.framed(SCHEMA_ID, event) : null, asBytes ? decoder : null);
          }
        }
        long held = usedHeap() - before;
        long events = (long) extensions * window;
        long start = System.nanoTime();
        long caughtUp = 0;
        for (ExtensionState state : replica.all()) {
          caughtUp += CatchUp.of(state, state.getSeq() - window + 1).events().size(); // all but the oldest
        }
        double catchUpUs = (System.nanoTime() - start) / 1e3 / replica.extensionCount();
        System.out.printf("round %d, %-7s: %,d MB held for %,d events = %,d bytes per event; catching one subscriber up"
            + " across %d events: %.1f us (%,d events)%n", round, asBytes ? "bytes" : "objects", held >> 20, events,
            held / events, window - 1, catchUpUs, caughtUp);
        if (replica.extensionCount() != extensions) {
          throw new IllegalStateException("replica holds " + replica.extensionCount() + " extensions");
        }
      }
    }
  }

  /** A switch event with every field the switch fills, sequenced. */
  private static ExtensionEvent event(String ext, long seq) {
    Instant now = Instant.now();
    CallEvent call = CallEvent.newBuilder().setEventUuid(UUID.randomUUID().toString()).setSource(EventSource.SWITCH)
        .setEventNameS("C_CONNECTED").setConnectNum(ext).setCallingNum("0161496" + ext).setCalledNum("08003" + ext)
        .setVdn("4500").setCallUniqueId("cuid-" + seq + "-" + ext).setUcid("00001" + ext + seq).setCallId(seq)
        .setAgentId("a" + ext).setSplit("12").setCause("normal").setEventTime(now).setIngestTime(now)
        .setAttributes(Map.of("trunk", "t17", "campaign", "renewals")).build();
    return new ExtensionEvent(ext, seq, now, call);
  }

  private static long usedHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
