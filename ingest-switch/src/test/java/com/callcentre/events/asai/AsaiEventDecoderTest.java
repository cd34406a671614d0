package com.callcentre.events.asai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The descriptor-driven decoder against buffers laid out for LP64 (Linux) and LLP64 (64-bit Windows). */
class AsaiEventDecoderTest {
  private static final long BASE = 0x7f3a_1c00_2000L;

  static LayoutDescriptor layout(String name) throws Exception {
    return LayoutDescriptor.load("classpath:asai/layouts/" + name + ".properties");
  }

  @ParameterizedTest
  @ValueSource(strings = {"simulator-lp64", "simulator-llp64"})
  void decodesAConnectedEventWithEveryField(String name) throws Exception {
    LayoutDescriptor layout = layout(name);
    EventReportWriter w = new EventReportWriter(layout, BASE).event("C_CONNECTED")
        .cLong("call_id", 1002).cLong("party_id", 2).cLong("cause", 0)
        .text("calling_num", "3035551212").text("called_num", "4500").text("connected_num", "450003")
        .text("ucid", "00001045000000000007").text("split", "1");

    DecodedEvent e = new AsaiEventDecoder(layout).decode(w.bytes(), w.length(), BASE);

    assertThat(e).isEqualTo(new DecodedEvent("C_CONNECTED", 1002, 2, 0, 0, "3035551212", "4500", "450003",
        "00001045000000000007", "1"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"simulator-lp64", "simulator-llp64"})
  void callEndedBecomesTheLegacyCallEndNameAndNullPointersAreNull(String name) throws Exception {
    LayoutDescriptor layout = layout(name);
    EventReportWriter w = new EventReportWriter(layout, BASE).event("C_CALL_ENDED").cLong("call_id", -5)
        .text("calling_num", "3035551212");

    DecodedEvent e = new AsaiEventDecoder(layout).decode(w.bytes(), w.length(), BASE);

    assertThat(e.legacyName()).isEqualTo("C_CALLEND");
    assertThat(e.callId()).as("C long is signed at either width").isEqualTo(-5);
    assertThat(e.connectedNum()).isNull();
    assertThat(e.ucid()).isNull();
  }

  @Test
  void theTwoLayoutsReallyDiffer() throws Exception {
    LayoutDescriptor lp64 = layout("simulator-lp64");
    LayoutDescriptor llp64 = layout("simulator-llp64");
    assertThat(lp64.longSize()).isEqualTo(8);
    assertThat(llp64.longSize()).isEqualTo(4);
    assertThat(lp64.offset("en_rep_t", "calling_num")).isNotEqualTo(llp64.offset("en_rep_t", "calling_num"));
    // A buffer in one layout is refused, not misread, by the other.
    EventReportWriter w = new EventReportWriter(lp64, BASE).event("C_OFFERED").text("calling_num", "3035551212");
    assertThatThrownBy(() -> new AsaiEventDecoder(llp64).decode(w.bytes(), w.length(), BASE))
        .isInstanceOf(UndecodableBufferException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"simulator-lp64", "simulator-llp64"})
  void badBuffersAreRefusedWithAReason(String name) throws Exception {
    LayoutDescriptor layout = layout(name);
    AsaiEventDecoder decoder = new AsaiEventDecoder(layout);

    assertReason(decoder, new byte[10], 10, "too_short");
    EventReportWriter wrongCapability = new EventReportWriter(layout, BASE).event("C_OFFERED")
        .enumAt("asai_common_t", "capability", layout.enumValue("C_EN_REQ"));
    assertReason(decoder, wrongCapability.bytes(), wrongCapability.length(), "not_an_event_report");
    EventReportWriter unknown = new EventReportWriter(layout, BASE).cLong("event_name", 999);
    assertReason(decoder, unknown.bytes(), unknown.length(), "unknown_event");
    EventReportWriter wild = new EventReportWriter(layout, BASE).event("C_OFFERED").text("calling_num", "1")
        .pointer("called_num", 0xdeadbeefL);
    assertReason(decoder, wild.bytes(), wild.length(), "pointer_out_of_buffer");
    EventReportWriter header = new EventReportWriter(layout, BASE).event("C_OFFERED").text("calling_num", "1")
        .pointer("called_num", BASE + 4);
    assertReason(decoder, header.bytes(), header.length(), "pointer_out_of_buffer");
    EventReportWriter unterminated = new EventReportWriter(layout, BASE).event("C_OFFERED").text("calling_num", "30355");
    assertReason(decoder, unterminated.bytes(), unterminated.length() - 1, "unterminated_text");
    EventReportWriter binary = new EventReportWriter(layout, BASE).event("C_OFFERED").text("calling_num", "30\u0001");
    assertReason(decoder, binary.bytes(), binary.length(), "bad_text");
  }

  @Test
  void theShippedDescriptorsAreExactlyWhatTheProbePrintsForTheHeader() throws Exception {
    for (String name : new String[] {"simulator-lp64", "simulator-llp64"}) {
      String shipped = Files.readString(Path.of("src/main/resources/asai/layouts/" + name + ".properties"));
      String generated = Files.readString(Path.of("target/native/" + name + ".properties"));
      assertThat(shipped).as(name + ": regenerate with the build's layout_probe after changing asai_str.h").isEqualTo(generated);
    }
  }

  @Test
  void aDescriptorMissingKeysIsRefusedNamingThem() {
    assertThatThrownBy(() -> LayoutDescriptor.parse("layout.id=x\nsizeof.long=8\n", "test"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lacks [sizeof.pointer")
        .hasMessageContaining("regenerate it with layout_probe");
  }

  private static void assertReason(AsaiEventDecoder decoder, byte[] bytes, int length, String reason) {
    assertThatThrownBy(() -> decoder.decode(bytes, length, BASE))
        .isInstanceOf(UndecodableBufferException.class)
        .satisfies(e -> assertThat(((UndecodableBufferException) e).reason()).isEqualTo(reason));
  }

  @Test
  void aDescriptorPlacingAFieldOutsideItsStructIsRefusedAtLoad() throws Exception {
    String shipped = new String(AsaiEventDecoderTest.class.getClassLoader()
        .getResourceAsStream("asai/layouts/simulator-lp64.properties").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    for (String wrong : new String[] {"offset.en_rep_t.ucid=100", "offset.en_rep_t.call_id=-8",
        "offset.asai_common_t.capability=9223372036854775807", "C_DATSZ=2048"}) {
      String key = wrong.substring(0, wrong.indexOf('='));
      String descriptor = shipped.replaceAll("(?m)^" + java.util.regex.Pattern.quote(key) + "=.*$", wrong);
      assertThatThrownBy(() -> LayoutDescriptor.parse(descriptor, "site.properties"), wrong)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("site.properties").hasMessageContaining("layout_probe");
    }
  }

  @Test
  void aLengthBeyondTheBufferIsRefusedNotTrusted() throws Exception {
    LayoutDescriptor layout = layout("simulator-lp64");
    EventReportWriter w = new EventReportWriter(layout, BASE).event("C_OFFERED");
    assertThatThrownBy(() -> new AsaiEventDecoder(layout).decode(w.bytes(), w.bytes().length + 1, BASE))
        .isInstanceOf(UndecodableBufferException.class).hasMessageContaining("buffer of");
  }
}
