package io.petrel.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceTrackerTest {
  private final SequenceTracker tracker = new SequenceTracker();

  @Test
  void aMessageSeenTwiceIsOneDuplicate() {
    assertThat(tracker.record(0, 0)).isTrue();
    assertThat(tracker.record(0, 1)).isTrue();
    assertThat(tracker.record(0, 0)).isFalse();

    assertThat(tracker.distinct()).isEqualTo(2);
    assertThat(tracker.duplicates()).isEqualTo(1);
  }

  @Test
  void lostIsWhatWasSentAndNeverSeenPerPublisher() {
    for (int seq = 0; seq < 100; seq++) {
      if (seq % 10 != 3) {
        tracker.record(2, seq);
      }
      tracker.record(5, seq);
    }

    assertThat(tracker.lost(2, 100)).isEqualTo(10);
    assertThat(tracker.lost(5, 100)).isZero();
    assertThat(tracker.lost(7, 40)).as("a publisher never heard from").isEqualTo(40);
    assertThat(tracker.distinct(2)).isEqualTo(90);
  }

  @Test
  void outOfOrderArrivalIsNeitherLostNorDuplicated() {
    int[] order = {4, 0, 3, 1, 2};
    for (int seq : order) {
      tracker.record(0, seq);
    }

    assertThat(tracker.lost(0, 5)).isZero();
    assertThat(tracker.duplicates()).isZero();
    assertThat(tracker.gaps()).isZero();
  }

  @Test
  void withoutTheSentCountGapsBelowTheHighestSequenceAreLost() {
    tracker.record(0, 0);
    tracker.record(0, 5);
    tracker.record(1, 2);

    assertThat(tracker.gaps()).isEqualTo(4 + 2);
  }
}
