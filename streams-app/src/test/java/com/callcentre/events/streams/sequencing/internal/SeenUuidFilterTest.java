package com.callcentre.events.streams.sequencing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SeenUuidFilterTest {
  private static final long HOUR = 3_600_000;

  @Test
  void everyUuidAddedIsReportedAsPossiblySeenAcrossGenerations() {
    SeenUuidFilter filter = new SeenUuidFilter(1_000, 2 * HOUR);
    List<String> added = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      String uuid = UUID.randomUUID().toString();
      added.add(uuid);
      filter.add(uuid, i);
    }

    assertThat(filter.generations()).isEqualTo(10);
    for (int i = 0; i < added.size(); i++) {
      assertThat(filter.mightContain(added.get(i), i, i)).as("uuid %d", i).isTrue();
    }
  }

  @Test
  void almostEveryNewUuidIsRuledOut() {
    SeenUuidFilter filter = new SeenUuidFilter(100_000, 2 * HOUR);
    for (int i = 0; i < 100_000; i++) {
      filter.add(UUID.randomUUID().toString(), 1_000);
    }

    long falsePositives = 0;
    for (int i = 0; i < 100_000; i++) {
      if (filter.mightContain(UUID.randomUUID().toString(), 0, 2_000)) {
        falsePositives++;
      }
    }
    assertThat(falsePositives).as("false positives in 100,000 new uuids at full capacity").isLessThan(2_000);
  }

  @Test
  void aLookUpOutsideEveryGenerationsTimesIsRuledOut() {
    SeenUuidFilter filter = new SeenUuidFilter(10, 2 * HOUR);
    filter.add("a", 5 * HOUR);

    assertThat(filter.mightContain("a", 0, HOUR)).isFalse();
    assertThat(filter.mightContain("a", 4 * HOUR, 6 * HOUR)).isTrue();
  }

  @Test
  void aGenerationIsForgottenOnceItsNewestIsOlderThanTheTimeToForgetAndThenTheStoreDecides() {
    SeenUuidFilter filter = new SeenUuidFilter(1, 2 * HOUR);
    filter.add("old", 0);
    filter.add("b", 2 * HOUR);
    assertThat(filter.generations()).as("exactly 2 h behind the newest: kept").isEqualTo(2);
    assertThat(filter.mightContain("old", 0, HOUR)).isTrue();

    filter.add("new", 2 * HOUR + 1);

    assertThat(filter.generations()).as("the first generation is now older than 2 h behind the newest").isEqualTo(2);
    assertThat(filter.mightContain("anything", 0, HOUR)).as("reaching back before what is still held: maybe").isTrue();
    assertThat(filter.mightContain("anything", 3 * HOUR, 4 * HOUR)).isFalse();
    assertThat(filter.mightContain("new", 2 * HOUR, 3 * HOUR)).isTrue();
  }

  @Test
  void refusesSizesThatCannotWork() {
    assertThatThrownBy(() -> new SeenUuidFilter(0, HOUR)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SeenUuidFilter(10, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
