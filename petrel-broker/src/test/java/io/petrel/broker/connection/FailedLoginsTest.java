package io.petrel.broker.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Is a password guesser logged once per ten seconds per address, with a count of the rest? */
class FailedLoginsTest {
  private long now = 1_000;
  private final FailedLogins failedLogins = new FailedLogins(() -> now);

  private static InetSocketAddress from(String ip, int port) {
    return new InetSocketAddress(ip, port);
  }

  private void advanceSeconds(long seconds) {
    now += TimeUnit.SECONDS.toNanos(seconds);
  }

  @Test
  void theFirstFailureIsLoggedAndTheNextOnesFromThatAddressAreNotForTenSeconds() {
    assertThat(failedLogins.failed(from("10.0.0.1", 5000))).hasValue(0);
    // Every reconnect has a new port; the address is what counts.
    assertThat(failedLogins.failed(from("10.0.0.1", 5001))).isEmpty();
    advanceSeconds(9);
    assertThat(failedLogins.failed(from("10.0.0.1", 5002))).isEmpty();
  }

  @Test
  void theLineAfterTheQuietPeriodCountsTheFailuresNotLogged() {
    failedLogins.failed(from("10.0.0.1", 5000));
    failedLogins.failed(from("10.0.0.1", 5000));
    failedLogins.failed(from("10.0.0.1", 5000));
    advanceSeconds(10);
    assertThat(failedLogins.failed(from("10.0.0.1", 5000))).hasValue(2);
    advanceSeconds(10);
    assertThat(failedLogins.failed(from("10.0.0.1", 5000))).hasValue(0);
  }

  @Test
  void eachAddressHasItsOwnQuietPeriod() {
    assertThat(failedLogins.failed(from("10.0.0.1", 5000))).hasValue(0);
    assertThat(failedLogins.failed(from("10.0.0.2", 5000))).hasValue(0);
    assertThat(failedLogins.failed(from("::1", 5000))).hasValue(0);
    assertThat(failedLogins.failed(from("10.0.0.2", 5001))).isEqualTo(OptionalLong.empty());
  }

  @Test
  void manyAddressesDoNotGrowTheTableForEver() {
    for (int i = 0; i < 5000; i++) {
      failedLogins.failed(from("10.1." + (i / 256) + "." + (i % 256), 1));
    }
    advanceSeconds(11);
    failedLogins.failed(from("10.9.9.9", 1));
    // The quiet addresses were forgotten: the next failure from one is logged with no count.
    assertThat(failedLogins.failed(from("10.1.0.0", 1))).hasValue(0);
  }
}
