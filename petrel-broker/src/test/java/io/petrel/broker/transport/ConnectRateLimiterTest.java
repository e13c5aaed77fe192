package io.petrel.broker.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Does max_connect_rate allow a burst, refill at the rate and log a storm once per interval? */
class ConnectRateLimiterTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  private final InetAddress a = InetAddress.getLoopbackAddress();
  private final InetAddress b = addressOf("10.0.0.2");

  private static InetAddress addressOf(String ip) {
    try {
      return InetAddress.getByName(ip);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aBurstUpToTheRateIsAllowedThenTheRestOfTheSecondIsRefused() {
    ConnectRateLimiter limiter = new ConnectRateLimiter(3);
    long t = 5 * SECOND;
    assertThat(limiter.tryAcquire(a, t)).isTrue();
    assertThat(limiter.tryAcquire(a, t)).isTrue();
    assertThat(limiter.tryAcquire(a, t)).isTrue();
    assertThat(limiter.tryAcquire(a, t)).isFalse();
    assertThat(limiter.tryAcquire(a, t + SECOND / 10)).isFalse();
  }

  @Test
  void tokensComeBackAtTheRate() {
    ConnectRateLimiter limiter = new ConnectRateLimiter(2);
    long t = 5 * SECOND;
    limiter.tryAcquire(a, t);
    limiter.tryAcquire(a, t);
    assertThat(limiter.tryAcquire(a, t)).isFalse();
    assertThat(limiter.tryAcquire(a, t + SECOND / 2)).isTrue(); // 2 per second: one per 0.5 s
    assertThat(limiter.tryAcquire(a, t + SECOND / 2)).isFalse();
  }

  @Test
  void eachAddressHasItsOwnBucket() {
    ConnectRateLimiter limiter = new ConnectRateLimiter(1);
    long t = 5 * SECOND;
    assertThat(limiter.tryAcquire(a, t)).isTrue();
    assertThat(limiter.tryAcquire(a, t)).isFalse();
    assertThat(limiter.tryAcquire(b, t)).isTrue();
  }

  @Test
  void aStormIsLoggedOnceEveryTenSecondsWithTheRefusalsInBetween() {
    ConnectRateLimiter limiter = new ConnectRateLimiter(1);
    long t = 5 * SECOND;
    limiter.tryAcquire(a, t);
    limiter.tryAcquire(a, t);
    assertThat(limiter.refusalsToLog(a, t)).isEqualTo(1);
    for (int i = 0; i < 5; i++) {
      limiter.tryAcquire(a, t + i);
      assertThat(limiter.refusalsToLog(a, t + i)).isZero();
    }
    long later = t + 10 * SECOND;
    limiter.tryAcquire(a, later);
    limiter.tryAcquire(a, later);
    assertThat(limiter.refusalsToLog(a, later)).isEqualTo(6);
  }

  @Test
  void quietAddressesAreForgotten() {
    ConnectRateLimiter limiter = new ConnectRateLimiter(1);
    long t = 5 * SECOND;
    limiter.tryAcquire(a, t);
    limiter.tryAcquire(b, t);
    assertThat(limiter.trackedAddresses()).isEqualTo(2);
    limiter.tryAcquire(b, t + 11 * SECOND);
    assertThat(limiter.trackedAddresses()).isEqualTo(1);
  }
}
