package com.callcentre.events.asai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Generated buffers against the descriptor-driven decoder: random bytes, good reports cut short,
 * bytes flipped, pointers anywhere, and wrong layout descriptors. The decoder must return an event
 * or refuse the buffer with a reason (the reader dead-letters it); any other exception would kill
 * a VDN reader's loop, and reading outside the buffer would mean trusting a pointer.
 */
class AsaiDecoderFuzzTest {
  private static final long BASE = 0x7f3a_1c00_2000L;
  private static final LayoutDescriptor LP64 = load("simulator-lp64");
  private static final LayoutDescriptor LLP64 = load("simulator-llp64");
  private static final List<String> TEXT_FIELDS = List.of("calling_num", "called_num", "connected_num", "ucid", "split");

  @Property
  void randomBytesAreDecodedOrRefusedWithAReason(@ForAll("layouts") LayoutDescriptor layout,
      @ForAll("buffers") byte[] buffer, @ForAll long base) {
    decodeOrRefuse(layout, buffer, buffer.length, base);
  }

  /** A length the library reports beyond the buffer (or negative) is refused, not trusted. */
  @Property
  void aClaimedLengthOutsideTheBufferIsRefused(@ForAll("layouts") LayoutDescriptor layout,
      @ForAll("buffers") byte[] buffer, @ForAll int claimedLength) {
    DecodedEvent event = decodeOrRefuse(layout, buffer, claimedLength, BASE);
    if (claimedLength < 0 || claimedLength > buffer.length) {
      assertThat(event).isNull();
    }
  }

  @Property
  void aGoodReportCutShortOrWithBytesFlippedIsDecodedOrRefused(@ForAll("layouts") LayoutDescriptor layout,
      @ForAll("texts") List<String> texts, @ForAll @IntRange(min = 0, max = 2000) int cut,
      @ForAll("flips") List<Integer> flips) {
    EventReportWriter w = report(layout, texts);
    byte[] bytes = w.bytes().clone();
    for (int flip : flips) {
      bytes[flip % bytes.length] ^= (byte) (flip >>> 16 | 1);
    }
    decodeOrRefuse(layout, bytes, Math.min(cut, w.length()), BASE);
  }

  @Property
  void aPointerOutsideThePoolIsRefusedNeverFollowed(@ForAll("layouts") LayoutDescriptor layout,
      @ForAll("texts") List<String> texts, @ForAll @IntRange(min = 0, max = 4) int field, @ForAll long address) {
    EventReportWriter w = report(layout, texts).pointer(TEXT_FIELDS.get(field), address);
    DecodedEvent event = decodeOrRefuse(layout, w.bytes(), w.length(), BASE);
    long offset = address - BASE;
    boolean inPool = address == 0 || (offset >= layout.offset("en_rep_t", "pool") && offset < w.length());
    if (!inPool) {
      assertThat(event).as("a report whose %s points at %x", TEXT_FIELDS.get(field), address).isNull();
    }
  }

  /** A descriptor with one value changed is refused when loaded, or decodes without reading out of bounds. */
  @Property
  void aWrongLayoutDescriptorIsRefusedOrDecodesSafely(@ForAll("mutatedDescriptors") String descriptor,
      @ForAll("texts") List<String> texts, @ForAll("buffers") byte[] random) {
    LayoutDescriptor wrong;
    try {
      wrong = LayoutDescriptor.parse(descriptor, "fuzz");
      Statistics.collect("loaded");
    } catch (IllegalArgumentException | IOException refused) {
      Statistics.collect("refused at load");
      assertThat(refused.getMessage()).contains("fuzz");
      return;
    }
    EventReportWriter w = report(LP64, texts);
    decodeOrRefuse(wrong, w.bytes(), w.length(), BASE);
    decodeOrRefuse(wrong, random, random.length, BASE);
  }

  private static DecodedEvent decodeOrRefuse(LayoutDescriptor layout, byte[] buffer, int length, long base) {
    try {
      DecodedEvent event = new AsaiEventDecoder(layout).decode(buffer, length, base);
      Statistics.label("outcome").collect("decoded");
      return event;
    } catch (UndecodableBufferException refused) {
      Statistics.label("outcome").collect(refused.reason());
      assertThat(refused.getMessage()).isNotBlank();
      return null;
    } catch (RuntimeException e) {
      fail("decoding %d bytes (of %d) with layout %s threw %s", length, buffer.length, layout.id(), e);
      return null;
    }
  }

  private static EventReportWriter report(LayoutDescriptor layout, List<String> texts) {
    EventReportWriter w = new EventReportWriter(layout, BASE).event("C_CONNECTED").cLong("call_id", 7);
    for (int i = 0; i < texts.size() && i < TEXT_FIELDS.size(); i++) {
      w.text(TEXT_FIELDS.get(i), texts.get(i));
    }
    return w;
  }

  @Provide
  Arbitrary<LayoutDescriptor> layouts() {
    return Arbitraries.of(LP64, LLP64);
  }

  @Provide
  Arbitrary<byte[]> buffers() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(1024);
  }

  @Provide
  Arbitrary<List<String>> texts() {
    return Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(24).list().ofMaxSize(5);
  }

  @Provide
  Arbitrary<List<Integer>> flips() {
    return Arbitraries.integers().greaterOrEqual(0).list().ofMaxSize(8);
  }

  /** The simulator's descriptor with one entry set to a nearby, far, negative or non-numeric value. */
  @Provide
  Arbitrary<String> mutatedDescriptors() {
    Properties original = properties("simulator-lp64");
    List<String> keys = new ArrayList<>(original.stringPropertyNames());
    keys.sort(null);
    Arbitrary<String> value = Arbitraries.oneOf(
        Arbitraries.integers().between(-16, 4096).map(String::valueOf),
        Arbitraries.of("-2147483648", "2147483647", "9223372036854775807", "", "x", "4.5"));
    return Combinators.combine(Arbitraries.of(keys), value, Arbitraries.of(true, false)).as((key, v, drop) -> {
      Properties changed = new Properties();
      changed.putAll(original);
      if (drop) {
        changed.remove(key);
      } else {
        changed.setProperty(key, v);
      }
      StringBuilder text = new StringBuilder();
      changed.forEach((k, val) -> text.append(k).append('=').append(val).append('\n'));
      return text.toString();
    });
  }

  private static LayoutDescriptor load(String name) {
    try {
      return LayoutDescriptor.load("classpath:asai/layouts/" + name + ".properties");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Properties properties(String name) {
    try (var in = AsaiDecoderFuzzTest.class.getClassLoader().getResourceAsStream("asai/layouts/" + name + ".properties")) {
      Properties p = new Properties();
      p.load(in);
      return p;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
