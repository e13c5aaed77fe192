package io.petrel.it;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * For proving that something does NOT happen: the only place tests wait a fixed time. The window is
 * short because loopback delivery takes well under a millisecond; a broker that delivers a stray
 * copy does so almost at once.
 */
public final class Quiet {
  public static final Duration WINDOW = Duration.ofMillis(300);

  private Quiet() {}

  /** Asserts that {@code condition} stays true for the whole of {@link #WINDOW}. */
  public static void holds(Callable<Boolean> condition) {
    await()
        .during(WINDOW)
        .atMost(WINDOW.plusSeconds(2))
        .pollInterval(Duration.ofMillis(20))
        .until(condition);
  }
}
