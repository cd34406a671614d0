package com.callcentre.events.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlNamesTest {
  @Test
  void aHistogramQuantileReadsOnlyItsBucketSeries() {
    assertThat(PromQlNames.of("histogram_quantile(0.99, sum by (instance, le) "
        + "(rate(edge_delivery_latency_seconds_bucket{service=\"web-edge\"}[5m]))) > 0.05"))
        .containsExactly("edge_delivery_latency_seconds_bucket");
  }

  @Test
  void everyOperandOfABinaryExpressionCounts() {
    assertThat(PromQlNames.of("up{service=\"streams-app\"} == 0\n or service_ready == 0 unless on (instance) x:recorded:rate5m"))
        .containsExactly("service_ready", "up", "x:recorded:rate5m");
  }

  @Test
  void labelNamesStringsNumbersAndDurationsAreNotMetrics() {
    assertThat(PromQlNames.of("label_replace(max without (client_id) (foo_total offset 1h), \"dst_total\", \"$1\", "
        + "\"src\", \"(.*)\") * 1e3 > bool 0.5"))
        .containsExactly("foo_total");
  }

  @Test
  void anExpressionOfOnlyFunctionsAndNumbersNamesNothing() {
    assertThat(PromQlNames.of("vector(1) + time()")).isEmpty();
    assertThat(PromQlNames.of("")).isEmpty();
  }
}
