package io.petrel.broker.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.petrel.broker.routing.PublisherFlow;
import org.junit.jupiter.api.Test;

class BacklogTest {

  /** Records whether its reads are paused, as a connection's auto-read flag would. */
  private static final class Publisher implements PublisherFlow {
    boolean paused;
    int pauses;

    @Override
    public void pause() {
      paused = true;
      pauses++;
    }

    @Override
    public void resume() {
      paused = false;
    }
  }

  private final Backlog backlog = new Backlog("slow");

  @Test
  void fallsBehindAtTheHoldMarkAndCatchesUpAtTheReleaseMark() {
    backlog.track(Backlog.HOLD_AT - 1);
    assertThat(backlog.isBehind()).isFalse();
    backlog.track(Backlog.HOLD_AT);
    assertThat(backlog.isBehind()).isTrue();
    backlog.track(Backlog.RELEASE_AT + 1);
    assertThat(backlog.isBehind()).isTrue();
    backlog.track(Backlog.RELEASE_AT);
    assertThat(backlog.isBehind()).isFalse();
  }

  @Test
  void heldPublishersAreResumedWhenTheSubscriberCatchesUp() {
    Publisher a = new Publisher();
    Publisher b = new Publisher();
    backlog.track(Backlog.HOLD_AT);
    backlog.holdBack(a);
    backlog.holdBack(b);
    assertThat(a.paused).isTrue();
    assertThat(b.paused).isTrue();

    backlog.track(Backlog.RELEASE_AT);
    assertThat(a.paused).isFalse();
    assertThat(b.paused).isFalse();
  }

  @Test
  void aSubscriberThatGoesOfflineReleasesEveryone() {
    Publisher a = new Publisher();
    backlog.track(Backlog.HOLD_AT * 2);
    backlog.holdBack(a);
    backlog.releaseAll();
    assertThat(a.paused).isFalse();
    assertThat(backlog.isBehind()).isFalse();
  }

  @Test
  void aPublisherHeldAfterTheReleaseIsNotLeftPaused() {
    // The publisher saw isBehind() just before the subscriber caught up.
    Publisher late = new Publisher();
    backlog.holdBack(late);
    assertThat(late.pauses).isEqualTo(1);
    assertThat(late.paused).isFalse();
  }

  @Test
  void handOffsNotYetTakenCountAsBehind() {
    // The session's thread is the one that cannot keep up: deliveries wait in its task queue.
    for (int i = 0; i < Backlog.HOLD_AT; i++) {
      backlog.handOffStarted();
    }
    backlog.track(0);
    assertThat(backlog.isBehind()).isTrue();
    for (int i = 0; i < Backlog.HOLD_AT - Backlog.RELEASE_AT; i++) {
      backlog.handOffEnded();
    }
    backlog.track(0);
    assertThat(backlog.isBehind()).isFalse();
  }
}
