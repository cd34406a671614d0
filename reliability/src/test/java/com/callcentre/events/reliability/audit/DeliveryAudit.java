package com.callcentre.events.reliability.audit;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.loadharness.measure.TopicToEnd;
import com.callcentre.events.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pipeline's invariant, read from the topics themselves: every event on the input topics and
 * every event a source was told was accepted is on {@code extension-events.v1} exactly once, and
 * each extension's sequence there is 1, 2, 3 ... with no gap and no repeat.
 *
 * @param inputEvents        distinct event ids on the switch and dialer topics
 * @param acknowledged       ids the sources were told were accepted (OK replies, HTTP OK results)
 * @param sequenced          records on extension-events.v1
 * @param extensions         extensions with a sequence
 * @param duplicates         event ids sequenced more than once
 * @param gaps               extensions whose sequence is not 1..n in offset order (first few, described)
 * @param missing            input event ids never sequenced
 * @param acknowledgedMissing acknowledged ids not on an input topic or never sequenced
 */
public record DeliveryAudit(int inputEvents, int acknowledged, int sequenced, int extensions, List<String> duplicates,
    List<String> gaps, List<String> missing, List<String> acknowledgedMissing) {

  /**
   * Reads the topics until every input event is sequenced or {@code within} has passed (the
   * streams-app may still be catching up after a fault), then judges.
   */
  public static DeliveryAudit of(String bootstrapServers, String registryUrl, Set<String> acknowledgedIds, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      DeliveryAudit audit = once(bootstrapServers, registryUrl, acknowledgedIds);
      if (audit.missing.isEmpty() && audit.acknowledgedMissing.isEmpty() || System.nanoTime() > deadline) {
        return audit;
      }
      try {
        Thread.sleep(1000); // a re-read of every topic, not a poll of a flag: once a second is enough
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return audit;
      }
    }
  }

  private static DeliveryAudit once(String bootstrapServers, String registryUrl, Set<String> acknowledgedIds) {
    Set<String> input = new HashSet<>();
    for (String topic : List.of(Topics.SWITCH_EVENTS.name(), Topics.DIALER_EVENTS.name())) {
      TopicToEnd.read(bootstrapServers, registryUrl, topic, CallEvent.class, (key, e) -> input.add(e.getEventUuid()));
    }
    Map<String, Long> lastSeq = new HashMap<>();
    Set<String> seen = new HashSet<>();
    List<String> duplicates = new ArrayList<>();
    List<String> gaps = new ArrayList<>();
    int[] sequenced = {0};
    TopicToEnd.read(bootstrapServers, registryUrl, Topics.EXTENSION_EVENTS.name(), ExtensionEvent.class, (ext, e) -> {
      sequenced[0]++;
      if (!seen.add(e.getEvent().getEventUuid())) {
        duplicates.add(e.getEvent().getEventUuid());
      }
      long expected = lastSeq.getOrDefault(ext, 0L) + 1;
      if (e.getSeq() != expected && gaps.size() < 20) {
        gaps.add(ext + ": seq " + e.getSeq() + " after " + (expected - 1));
      }
      lastSeq.put(ext, e.getSeq());
    });
    List<String> missing = input.stream().filter(id -> !seen.contains(id)).toList();
    List<String> acknowledgedMissing = acknowledgedIds.stream()
        .filter(id -> !input.contains(id) || !seen.contains(id)).toList();
    return new DeliveryAudit(input.size(), acknowledgedIds.size(), sequenced[0], lastSeq.size(), duplicates, gaps,
        missing, acknowledgedMissing);
  }

  /** One line for the test's output and docs/reliability.md. */
  public String summary() {
    return String.format("%d input events (%d acknowledged to the dialer's clients), %d sequenced over %d extensions; "
            + "duplicates %d, gaps %d, missing %d, acknowledged missing %d",
        inputEvents, acknowledged, sequenced, extensions, duplicates.size(), gaps.size(), missing.size(),
        acknowledgedMissing.size());
  }
}
