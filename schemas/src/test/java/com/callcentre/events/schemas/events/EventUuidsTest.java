package com.callcentre.events.schemas.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EventUuidsTest {
  private final AtomicLong clock = new AtomicLong(1_763_942_400_000L); // 2025-11-24T00:00:00Z
  private final EventUuids uuids = new EventUuids(clock::get, new SecureRandom());

  @Test
  void isAVersionSevenUuidCarryingTheMillisecondItWasMadeIn() {
    UUID uuid = uuids.nextUuid();

    assertThat(uuid.version()).isEqualTo(7);
    assertThat(uuid.variant()).isEqualTo(2);
    assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(clock.get());
    assertThat(UUID.fromString(uuid.toString())).isEqualTo(uuid);
  }

  @Test
  void laterUuidsSortLaterAsText() {
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      made.add(uuids.nextUuid().toString());
      if (i % 7 == 0) {
        clock.addAndGet(1);
      }
    }

    assertThat(made).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void countsUpWithinOneMillisecondAndBorrowsTheNextWhenTheCounterIsFull() {
    UUID first = uuids.nextUuid();
    UUID second = uuids.nextUuid();
    assertThat(second.getMostSignificantBits() & 0xFFF).isEqualTo((first.getMostSignificantBits() & 0xFFF) + 1);

    for (int i = 0; i < 4_096; i++) {
      uuids.nextUuid();
    }
    assertThat(uuids.nextUuid().getMostSignificantBits() >>> 16).isEqualTo(clock.get() + 1);
  }

  @Test
  void aClockThatStepsBackDoesNotMakeThemGoBack() {
    String before = uuids.nextUuid().toString();
    clock.addAndGet(-60_000);

    assertThat(uuids.nextUuid().toString()).isGreaterThan(before);
  }

  @Test
  void threadsSharingTheGeneratorNeverGetTheSameUuid() {
    Set<String> seen = ConcurrentHashMap.newKeySet();
    IntStream.range(0, 4).parallel().forEach(t -> {
      for (int i = 0; i < 20_000; i++) {
        seen.add(EventUuids.next());
      }
    });

    assertThat(seen).hasSize(80_000);
  }

  @Test
  void twoGeneratorsInTheSameMillisecondDifferInTheirRandomBits() {
    EventUuids other = new EventUuids(clock::get, new SecureRandom());
    Set<UUID> both = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      both.add(uuids.nextUuid());
      both.add(other.nextUuid());
    }

    assertThat(both).hasSize(2_000);
  }
}
