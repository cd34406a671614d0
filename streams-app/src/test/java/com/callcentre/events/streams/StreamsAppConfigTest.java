package com.callcentre.events.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.callcentre.events.runtime.lifecycle.ServiceRunner;
import com.callcentre.events.runtime.lifecycle.ServiceRunner.Startup;
import java.util.Map;
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
}
