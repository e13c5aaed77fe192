package io.petrel.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {
  private final ReconnectPolicy policy =
      new ReconnectPolicy(true, Duration.ofMillis(100), Duration.ofSeconds(2), 2.0, 0.5, 0);

  @Test
  void delaysGrowExponentiallyUpToTheMaximum() {
    assertThat(policy.delay(0, 0)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.delay(1, 0)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.delay(3, 0)).isEqualTo(Duration.ofMillis(800));
    assertThat(policy.delay(10, 0)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.delay(1_000, 0)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void jitterTakesOffUpToItsShare() {
    assertThat(policy.delay(1, 0.999)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    assertThat(policy.delay(1, 0.5)).isEqualTo(Duration.ofMillis(150));
  }

  @Test
  void nonsenseIsRefused() {
    assertThatThrownBy(
            () -> new ReconnectPolicy(true, Duration.ofSeconds(2), Duration.ZERO, 2, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ReconnectPolicy(true, Duration.ZERO, Duration.ZERO, 0.5, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ReconnectPolicy(true, Duration.ZERO, Duration.ZERO, 2, 2, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
