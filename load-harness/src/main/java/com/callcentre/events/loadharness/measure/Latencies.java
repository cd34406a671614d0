package com.callcentre.events.loadharness.measure;

import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Latency histograms in microseconds, one per protocol and part of the path: recorded by each
 * client process, shipped as compressed HdrHistograms, merged by the harness.
 */
public final class Latencies {
  /** The parts of one delivery, in path order, and the whole. */
  public enum Part {
    ORIGIN_TO_INGEST("origin→ingest"),
    INGEST_TO_SEQUENCED("ingest→sequenced"),
    SEQUENCED_TO_EDGE("sequenced→edge write"),
    EDGE_TO_CLIENT("edge write→client"),
    TOTAL("origin→client");

    private final String label;

    Part(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private static final long HIGHEST_US = 3_600_000_000L;
  private final Map<String, Map<Part, Histogram>> byProtocol = new TreeMap<>();

  public synchronized void record(String protocol, Part part, long micros) {
    byProtocol.computeIfAbsent(protocol, p -> new LinkedHashMap<>())
        .computeIfAbsent(part, x -> new Histogram(HIGHEST_US, 3))
        .recordValue(Math.max(0, Math.min(HIGHEST_US, micros)));
  }

  public synchronized void reset() {
    byProtocol.clear();
  }

  public synchronized Map<String, Map<Part, Histogram>> snapshot() {
    Map<String, Map<Part, Histogram>> copy = new TreeMap<>();
    byProtocol.forEach((p, parts) -> {
      Map<Part, Histogram> c = new LinkedHashMap<>();
      parts.forEach((part, h) -> c.put(part, h.copy()));
      copy.put(p, c);
    });
    return copy;
  }

  /** One protocol's part over every protocol. */
  public synchronized Histogram overall(Part part) {
    Histogram all = new Histogram(HIGHEST_US, 3);
    byProtocol.values().forEach(parts -> {
      Histogram h = parts.get(part);
      if (h != null) {
        all.add(h);
      }
    });
    return all;
  }

  public synchronized JsonObject encode() {
    JsonObject out = new JsonObject();
    byProtocol.forEach((protocol, parts) -> {
      JsonObject p = new JsonObject();
      parts.forEach((part, h) -> {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int n = h.encodeIntoCompressedByteBuffer(buffer);
        p.put(part.name(), Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), n)));
      });
      out.put(protocol, p);
    });
    return out;
  }

  public synchronized void addEncoded(JsonObject encoded) {
    for (String protocol : encoded.fieldNames()) {
      JsonObject parts = encoded.getJsonObject(protocol);
      for (String part : parts.fieldNames()) {
        try {
          Histogram h = Histogram.decodeFromCompressedByteBuffer(
              ByteBuffer.wrap(Base64.getDecoder().decode(parts.getString(part))), 0);
          byProtocol.computeIfAbsent(protocol, x -> new LinkedHashMap<>())
              .computeIfAbsent(Part.valueOf(part), x -> new Histogram(HIGHEST_US, 3)).add(h);
        } catch (DataFormatException e) {
          throw new IllegalArgumentException("a client sent an unreadable histogram for " + protocol + " " + part, e);
        }
      }
    }
  }

  /** p50, p99, p99.9 and max in milliseconds, and the count. */
  public static JsonObject summary(Histogram h) {
    return new JsonObject()
        .put("count", h.getTotalCount())
        .put("p50", ms(h.getValueAtPercentile(50)))
        .put("p99", ms(h.getValueAtPercentile(99)))
        .put("p999", ms(h.getValueAtPercentile(99.9)))
        .put("max", ms(h.getMaxValue()));
  }

  private static double ms(long micros) {
    return Math.round(micros / 100.0) / 10.0;
  }
}
