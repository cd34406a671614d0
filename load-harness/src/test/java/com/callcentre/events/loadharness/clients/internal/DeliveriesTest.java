package com.callcentre.events.loadharness.clients.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveriesTest {
  private final Deliveries deliveries = new Deliveries();

  private static JsonObject event(Instant origin) {
    return new JsonObject().put("event_time", origin.toString()).put("ingest_time", origin.plusMillis(1).toString())
        .put("sequenced_time", origin.plusMillis(11).toString()).put("edge_time", origin.plusMillis(13).toString());
  }

  @Test
  void countsEveryKindOfFaultPerSubscriber() {
    SubscriberState s = new SubscriberState("websocket", "4567", "n");
    JsonObject e = event(Instant.now());
    deliveries.received(s, 5, e, 0);  // the first sets where it starts
    deliveries.received(s, 6, e, 0);
    deliveries.received(s, 6, e, 0);  // again: a duplicate
    deliveries.received(s, 9, e, 0);  // 7 and 8 never came
    deliveries.received(s, 8, e, 0);  // late and out of order
    deliveries.received(s, 10, e, 0);
    JsonObject r = deliveries.report();
    assertThat(r.getLong("received")).isEqualTo(6);
    assertThat(r.getLong("duplicates")).isEqualTo(1);
    assertThat(r.getLong("missing")).isEqualTo(2);
    assertThat(r.getLong("order_violations")).isEqualTo(1);
    assertThat(r.getJsonObject("faults_by_protocol").getLong("websocket missing")).isEqualTo(2);
    assertThat(s.lastSeq).isEqualTo(10);
  }

  // Histograms keep three significant digits: values are compared within 0.5 %.
  @Test
  void latencyCountsOnlyEventsFromTheMeasuredWindowAndSplitsThePath() {
    Instant origin = Instant.now();
    SubscriberState s = new SubscriberState("sse", "4567", "n");
    deliveries.received(s, 1, event(origin), micros(origin) + 20_000); // before measuring: not counted
    deliveries.measureFrom(origin.toEpochMilli());
    deliveries.received(s, 2, event(origin), micros(origin) + 20_000);
    JsonObject r = deliveries.report();
    assertThat(r.getLong("measured")).isEqualTo(1);
    com.callcentre.events.loadharness.measure.Latencies l = new com.callcentre.events.loadharness.measure.Latencies();
    l.addEncoded(r.getJsonObject("latency"));
    var parts = l.snapshot().get("sse");
    assertThat(parts.get(com.callcentre.events.loadharness.measure.Latencies.Part.TOTAL).getMaxValue()).isBetween(19_900L, 20_100L);
    assertThat(parts.get(com.callcentre.events.loadharness.measure.Latencies.Part.INGEST_TO_SEQUENCED).getMaxValue())
        .isBetween(9_950L, 10_050L);
    assertThat(parts.get(com.callcentre.events.loadharness.measure.Latencies.Part.EDGE_TO_CLIENT).getMaxValue())
        .isBetween(6_950L, 7_050L);
  }

  @Test
  void eventsFromAfterTheWindowAreCheckedButNotTimed() {
    Instant origin = Instant.now();
    SubscriberState s = new SubscriberState("websocket", "4567", "n");
    deliveries.measureFrom(origin.toEpochMilli());
    deliveries.measureUntil(origin.plusMillis(100).toEpochMilli());
    deliveries.received(s, 1, event(origin.plusMillis(99)), micros(origin) + 200_000);
    deliveries.received(s, 2, event(origin.plusMillis(100)), micros(origin) + 200_000); // the window has ended
    deliveries.received(s, 4, event(origin.plusMillis(150)), micros(origin) + 200_000); // 3 missing: still found
    JsonObject r = deliveries.report();
    assertThat(r.getLong("received")).isEqualTo(3);
    assertThat(r.getLong("measured")).isEqualTo(1);
    assertThat(r.getLong("missing")).isEqualTo(1);

    deliveries.measureFrom(origin.plusMillis(200).toEpochMilli()); // a new window has no end until given one
    deliveries.received(s, 5, event(origin.plusMillis(5_000)), micros(origin) + 5_100_000);
    assertThat(deliveries.report().getLong("measured")).isEqualTo(1);
  }

  @Test
  void anEventWithoutTimesIsCountedButNotTimed() {
    SubscriberState s = new SubscriberState("longpoll", "4567", "n");
    deliveries.measureFrom(0);
    deliveries.received(s, 1, new JsonObject().put("event_time", "not a time"), 0);
    assertThat(deliveries.report().getLong("received")).isEqualTo(1);
    assertThat(deliveries.report().getLong("measured")).isZero();
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }
}
