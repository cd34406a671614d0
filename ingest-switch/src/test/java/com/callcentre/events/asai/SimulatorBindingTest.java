package com.callcentre.events.asai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The JNA binding against the C simulator: real native calls, the same code as for the vendor library. */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // native reads block: a bug must fail the test, not hang the build
class SimulatorBindingTest {
  private final SimulatorControl sim = Native.load("asaisim", SimulatorControl.class);
  private final AsaiClient client;

  SimulatorBindingTest() throws Exception {
    client = new AsaiClient(AsaiClient.load("asaisim"), LayoutDescriptor.load("classpath:asai/layouts/simulator-lp64.properties"));
  }

  @AfterEach
  void noConnectionLeftOpen() {
    assertThat(sim.asai_sim_open_fds().longValue()).isZero();
  }

  @Test
  void openRequestAndReadAScriptedCallInOrder() throws Exception {
    sim.asai_sim_configure("mode=scripted,calls=2,interval_ms=1");
    int fd = client.open("127.0.0.1");
    Memory buffer = client.newReceiveBuffer();
    try {
      client.setNodeId(fd, "1");
      client.requestCallVectorEvents(fd, "4500", buffer);
      AsaiEventDecoder decoder = new AsaiEventDecoder(client.layout());
      List<String> names = new ArrayList<>();
      DecodedEvent last = null;
      for (int i = 0; i < 9; i++) {
        int n = client.receive(fd, buffer);
        last = decoder.decode(buffer.getByteArray(0, n), n, AsaiClient.address(buffer));
        names.add(last.legacyName());
      }
      assertThat(names).containsExactly("C_OFFERED", "C_ALERTING", "C_CONNECTED", "C_DROP", "C_CALLEND",
          "C_OFFERED", "C_ALERTING", "C_DROP", "C_CALLEND");
      assertThat(last.calledNum()).isEqualTo("4500");
      assertThat(last.connectedNum()).isEqualTo("450002");
      assertThat(last.ucid()).hasSize(20);
    } finally {
      client.close(fd);
    }
  }

  @Test
  void callsCycleOverTheConfiguredAgentsAtTheConfiguredRate() throws Exception {
    // 1,000 agents per VDN: four-digit agent numbers; 500 us apart: 2,000 events/s on one VDN.
    sim.asai_sim_configure("mode=scripted,calls=3,agents=1000,interval_us=500");
    int fd = client.open("127.0.0.1");
    Memory buffer = client.newReceiveBuffer();
    try {
      client.requestCallVectorEvents(fd, "4500", buffer);
      AsaiEventDecoder decoder = new AsaiEventDecoder(client.layout());
      List<String> agents = new ArrayList<>();
      long start = System.nanoTime();
      for (int i = 0; i < 5 + 4 + 7; i++) { // answered, abandoned, hold: the scripted cycle's first three flows
        int n = client.receive(fd, buffer);
        DecodedEvent e = decoder.decode(buffer.getByteArray(0, n), n, AsaiClient.address(buffer));
        if (e.connectedNum() != null && !agents.contains(e.connectedNum())) {
          agents.add(e.connectedNum());
        }
      }
      double ms = (System.nanoTime() - start) / 1e6;
      assertThat(agents).containsExactly("45000001", "45000002", "45000003");
      // 16 events 0.5 ms apart: 7.5 ms at the configured rate, not one 5 ms poll per event (80 ms),
      // nor all at once (well under a millisecond). The lower bound is half the schedule: the
      // simulator keeps to its schedule, so a reader that starts late is handed the events already
      // due in a burst (a full-suite run once measured 6.7 ms).
      assertThat(ms).isBetween(3.75, 60.0);
    } finally {
      client.close(fd);
    }
  }

  @Test
  void failuresCarryTheLibrarysOwnMessage() throws Exception {
    sim.asai_sim_configure("refuse_opens=1");
    assertThatThrownBy(() -> client.open("127.0.0.1"))
        .isInstanceOf(AsaiException.class)
        .hasMessage("asai_open(127.0.0.1) failed: asai_open: connection refused by CVLAN server");
    int fd = client.open("127.0.0.1");
    client.close(fd);
    assertThatThrownBy(() -> client.receive(fd, client.newReceiveBuffer()))
        .isInstanceOf(AsaiException.class).hasMessageContaining("bad fd");
  }

  @Test
  void aLinkDownIsAnExceptionAndTheNextConnectionResumesTheCall() throws Exception {
    sim.asai_sim_configure("mode=scripted,calls=1,interval_ms=1,link_down_every=2");
    Memory buffer = client.newReceiveBuffer();
    AsaiEventDecoder decoder = new AsaiEventDecoder(client.layout());
    List<String> names = new ArrayList<>();
    int links = 0;
    while (names.size() < 5 && links < 5) {
      int fd = client.open("127.0.0.1");
      links++;
      try {
        client.requestCallVectorEvents(fd, "4501", buffer);
        while (names.size() < 5) {
          int n = client.receive(fd, buffer);
          names.add(decoder.decode(buffer.getByteArray(0, n), n, AsaiClient.address(buffer)).legacyName());
        }
      } catch (AsaiException e) {
        assertThat(e).hasMessageContaining("link down");
      } finally {
        client.close(fd);
      }
    }
    assertThat(names).containsExactly("C_OFFERED", "C_ALERTING", "C_CONNECTED", "C_DROP", "C_CALLEND");
    assertThat(links).isEqualTo(3);
  }
}
