package com.callcentre.events.schemas.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventKindTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      "C_OFFERED, OFFERED", "C_ALERTING, ALERTING", "C_CONNECTED, CONNECTED", "C_ANSWERED, CONNECTED",
      "C_HOLD, HELD", "C_RECONNECT, RETRIEVED", "C_DROP, DROPPED", "C_CALLEND, ENDED", "C_CALL_ENDED, ENDED",
      "C_TRANSFERRED, TRANSFERRED", "C_CONFERENCED, CONFERENCED", "C_QUEUED, OFFERED",
      "connected, CONNECTED", "' Connected ', CONNECTED", "CALL_END, ENDED"})
  void namesTheSwitchAndDialersUseAreClassified(String name, EventKind kind) {
    assertThat(EventKind.of(name)).isEqualTo(kind);
  }

  @ParameterizedTest(name = "{0} is {1}, not connected")
  @CsvSource({"DISCONNECTED, DROPPED", "UNANSWERED, OTHER", "RECONNECTED_LATER, OTHER", "C_CONNECTED_X, OTHER",
      "NOT_CONNECTED, OTHER", "DIALER_EVENT, OTHER", "keepalive, OTHER"})
  void namesThatOnlyContainAKnownWordAreNotThatKind(String name, EventKind kind) {
    assertThat(EventKind.of(name)).isEqualTo(kind);
  }

  @Test
  void missingOrBlankNamesAreOther() {
    assertThat(EventKind.of(null)).isEqualTo(EventKind.OTHER);
    assertThat(EventKind.of("")).isEqualTo(EventKind.OTHER);
    assertThat(EventKind.of("   ")).isEqualTo(EventKind.OTHER);
  }
}
