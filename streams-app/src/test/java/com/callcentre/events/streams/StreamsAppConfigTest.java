package com.callcentre.events.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.callcentre.events.runtime.lifecycle.ServiceRunner;
import com.callcentre.events.runtime.lifecycle.ServiceRunner.Startup;
import java.util.Map;
import java.util.Properties;
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
  void aZeroCommitIntervalIsRefused() {
    assertThat(start(Map.of("STREAMS_COMMIT_INTERVAL", "0ms"))).isInstanceOfSatisfying(Startup.Refused.class,
        r -> assertThat(r.message()).startsWith("streams-app: STREAMS_COMMIT_INTERVAL must be a positive duration"));
  }

  @Test
  void aZeroDerivedCommitIntervalIsRefused() {
    assertThat(start(Map.of("STREAMS_DERIVED_COMMIT_INTERVAL", "0s"))).isInstanceOfSatisfying(Startup.Refused.class,
        r -> assertThat(r.message()).startsWith("streams-app: STREAMS_DERIVED_COMMIT_INTERVAL must be a positive duration"));
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

  private static Object linger(Properties p) {
    return p.get(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG));
  }

  @Test
  void underExactlyOnceTheProducersLingerUpToEachApplicationsCommit() {
    StreamsAppConfig defaults = configured(Map.of());
    assertThat(linger(defaults.streamsProperties())).isEqualTo(20);
    assertThat(linger(defaults.derivedStreamsProperties())).isEqualTo(1000);

    StreamsAppConfig shorter = configured(Map.of("STREAMS_PRODUCER_LINGER", "5ms", "STREAMS_COMMIT_INTERVAL", "50ms"));
    assertThat(linger(shorter.streamsProperties())).isEqualTo(5);
    assertThat(linger(shorter.derivedStreamsProperties())).isEqualTo(5);
  }

  @Test
  void atLeastOnceProducersLingerAsEveryServicesDo() {
    StreamsAppConfig c = configured(Map.of("STREAMS_PROCESSING_GUARANTEE", "at_least_once", "KAFKA_PRODUCER_LINGER", "3ms"));
    assertThat(linger(c.streamsProperties())).isEqualTo(3);
    assertThat(linger(c.derivedStreamsProperties())).isEqualTo(3);
  }

  @Test
  void aZeroProducerLingerIsRefused() {
    assertThat(start(Map.of("STREAMS_PRODUCER_LINGER", "0ms"))).isInstanceOfSatisfying(Startup.Refused.class,
        r -> assertThat(r.message()).startsWith("streams-app: STREAMS_PRODUCER_LINGER must be a positive duration"));
  }

  private static Object fetchWait(Properties p) {
    return p.get(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG));
  }

  @Test
  void theDerivedOutputsFetchesWaitUpToHalfTheirCommitAtMostHalfASecond() {
    StreamsAppConfig defaults = configured(Map.of());
    assertThat(fetchWait(defaults.streamsProperties())).isEqualTo(10);
    assertThat(fetchWait(defaults.derivedStreamsProperties())).isEqualTo(500);

    assertThat(fetchWait(configured(Map.of("STREAMS_DERIVED_COMMIT_INTERVAL", "200ms")).derivedStreamsProperties()))
        .isEqualTo(100);
    // never shorter than the sequencing's own wait
    assertThat(fetchWait(configured(Map.of("STREAMS_DERIVED_COMMIT_INTERVAL", "10ms", "STREAMS_FETCH_MAX_WAIT", "20ms"))
        .derivedStreamsProperties())).isEqualTo(20);
  }
}
