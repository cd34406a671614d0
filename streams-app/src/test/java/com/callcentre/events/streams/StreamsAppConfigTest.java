package com.callcentre.events.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.callcentre.events.runtime.lifecycle.ServiceRunner;
import com.callcentre.events.runtime.lifecycle.ServiceRunner.Startup;
import java.util.Map;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

/** streams-app refuses a bad setting at start-up, naming it (the path StreamsAppMain takes). */
class StreamsAppConfigTest {

  private static Startup<StreamsAppConfig> start(Map<String, String> variables, String... args) {
    return ServiceRunner.configure("streams-app", args, variables, StreamsAppConfig.SETTINGS, StreamsAppConfig::from);
  }

  @Test
  void choicesAreReadInAnyCase() {
    assertThat(start(Map.of("STREAMS_ON_UNCAUGHT_ERROR", "Shutdown_Client", "STREAMS_PROCESSING_GUARANTEE", "AT_LEAST_ONCE")))
        .isInstanceOfSatisfying(Startup.Run.class, run -> {
          StreamsAppConfig c = (StreamsAppConfig) run.config();
          assertThat(c.onUncaught()).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
          assertThat(c.guarantee()).isEqualTo("at_least_once");
        });
  }

  @Test
  void anUnknownGuaranteeIsRefusedWithWhatIsAllowed() {
    assertThat(start(Map.of("STREAMS_PROCESSING_GUARANTEE", "exactly_once"))).isEqualTo(new Startup.Refused<StreamsAppConfig>(
        "streams-app: STREAMS_PROCESSING_GUARANTEE must be one of exactly_once_v2, at_least_once, was 'exactly_once'"));
  }

  @Test
  void anUnknownErrorPolicyIsRefused() {
    assertThat(start(Map.of(), "--STREAMS_ON_UNCAUGHT_ERROR=ignore")).isEqualTo(new Startup.Refused<StreamsAppConfig>(
        "streams-app: STREAMS_ON_UNCAUGHT_ERROR must be one of replace_thread, shutdown_client, shutdown_application, "
            + "was 'ignore'"));
  }

  @Test
  void aZeroCommitIntervalOrLingerIsRefused() {
    for (String setting : List.of("STREAMS_COMMIT_INTERVAL", "STREAMS_DERIVED_COMMIT_INTERVAL", "STREAMS_PRODUCER_LINGER")) {
      assertThat(start(Map.of(setting, "0ms"))).isInstanceOfSatisfying(Startup.Refused.class,
          r -> assertThat(r.message()).startsWith("streams-app: " + setting + " must be a positive duration"));
    }
  }

  @Test
  void aFetchWaitOfNothingOrOverHalfASecondIsRefused() {
    for (String wait : new String[] {"0ms", "2s"}) {
      assertThat(start(Map.of("STREAMS_FETCH_MAX_WAIT", wait))).isInstanceOfSatisfying(Startup.Refused.class,
          r -> assertThat(r.message()).startsWith("streams-app: STREAMS_FETCH_MAX_WAIT must be a positive duration up to 500ms"));
    }
  }

  private static StreamsAppConfig configured(Map<String, String> variables) {
    Startup<StreamsAppConfig> startup = start(variables);
    assertThat(startup).isInstanceOf(Startup.Run.class);
    return ((Startup.Run<StreamsAppConfig>) startup).config();
  }

  private static final String LINGER = StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG);
  private static final String FETCH_WAIT = StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG);

  /** The property as the sequencing and as the derived outputs have it, in that order. */
  private static List<Object> bothApps(StreamsAppConfig c, String property) {
    return List.of(c.streamsProperties().get(property), c.derivedStreamsProperties().get(property));
  }

  @Test
  void underExactlyOnceTheProducersLingerUpToEachApplicationsCommit() {
    assertThat(bothApps(configured(Map.of()), LINGER)).containsExactly(20, 1000);
    assertThat(bothApps(configured(Map.of("STREAMS_PRODUCER_LINGER", "5ms", "STREAMS_COMMIT_INTERVAL", "50ms")), LINGER))
        .containsExactly(5, 5);
  }

  @Test
  void atLeastOnceProducersLingerAsEveryServicesDo() {
    assertThat(bothApps(configured(Map.of("STREAMS_PROCESSING_GUARANTEE", "at_least_once", "KAFKA_PRODUCER_LINGER", "3ms")),
        LINGER)).containsExactly(3, 3);
  }

  @Test
  void theDerivedOutputsFetchesWaitUpToHalfTheirCommitAtMostHalfASecond() {
    assertThat(bothApps(configured(Map.of()), FETCH_WAIT)).containsExactly(10, 500);
    assertThat(bothApps(configured(Map.of("STREAMS_DERIVED_COMMIT_INTERVAL", "200ms")), FETCH_WAIT)).containsExactly(10, 100);
    // never shorter than the sequencing's own wait
    assertThat(bothApps(configured(Map.of("STREAMS_DERIVED_COMMIT_INTERVAL", "10ms", "STREAMS_FETCH_MAX_WAIT", "20ms")),
        FETCH_WAIT)).containsExactly(20, 20);
  }
}
