package com.callcentre.events.loadharness.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PushpinTest {
  @Test
  void replacesEachKeyOfTheDefaultFileAndRefusesAFileWithoutOne() {
    String defaults = "[runner]\nhttp_port=7999\nclient_maxconn=50000\n[handler]\nmessage_rate=2500\n#message_rate=1\n";
    String conf = Pushpin.configure(defaults, Map.of("http_port", "40001", "message_rate", "1000000"));
    assertThat(conf).contains("http_port=40001\n", "message_rate=1000000\n", "client_maxconn=50000", "#message_rate=1")
        .doesNotContain("7999");
    assertThatThrownBy(() -> Pushpin.configure(defaults, Map.of("push_in_http_port", "1")))
        .hasMessageContaining("push_in_http_port");
  }
}
