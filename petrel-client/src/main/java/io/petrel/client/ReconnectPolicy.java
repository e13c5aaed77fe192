package io.petrel.client;

import java.time.Duration;
import java.util.Objects;

/**
 * When the client reconnects after losing an established connection: exponential backoff from
 * {@code initialDelay}, multiplied by {@code multiplier} per failed attempt up to {@code maxDelay},
 * each delay shortened by a random share of up to {@code jitter} so that many clients cut off
 * together do not come back together.
 *
 * @param enabled whether to reconnect at all
 * @param initialDelay the delay before the first attempt
 * @param maxDelay the longest delay
 * @param multiplier the growth per failed attempt, at least 1
 * @param jitter the random share taken off each delay, 0 (none) to 1
 * @param maxAttempts attempts in a row before giving up; 0 for no limit
 */
public record ReconnectPolicy(
    boolean enabled,
    Duration initialDelay,
    Duration maxDelay,
    double multiplier,
    double jitter,
    int maxAttempts) {
  /** Validates the policy. */
  public ReconnectPolicy {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay");
    }
    if (!(multiplier >= 1)) {
      throw new IllegalArgumentException("multiplier must be at least 1: " + multiplier);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter must be 0 to 1: " + jitter);
    }
    if (maxAttempts < 0) {
      throw new IllegalArgumentException("maxAttempts must not be negative: " + maxAttempts);
    }
  }

  /** The default: 1 s doubling up to 2 min, 20 % jitter, no limit on attempts. */
  public static ReconnectPolicy exponential() {
    return exponential(Duration.ofSeconds(1), Duration.ofMinutes(2));
  }

  /**
   * Doubling backoff between the given bounds, 20 % jitter, no limit on attempts.
   *
   * @param initialDelay the first delay
   * @param maxDelay the longest delay
   */
  public static ReconnectPolicy exponential(Duration initialDelay, Duration maxDelay) {
    return new ReconnectPolicy(true, initialDelay, maxDelay, 2.0, 0.2, 0);
  }

  /** Never reconnect: a lost connection stays lost until {@code connect()} is called again. */
  public static ReconnectPolicy disabled() {
    return new ReconnectPolicy(false, Duration.ZERO, Duration.ZERO, 1, 0, 0);
  }

  /**
   * The delay before attempt {@code attempt} (0 for the first), given a uniform random number.
   *
   * @param attempt failed attempts so far
   * @param random a number in [0, 1)
   */
  public Duration delay(int attempt, double random) {
    double nanos = initialDelay.toNanos() * Math.pow(multiplier, Math.min(attempt, 64));
    nanos = Math.min(nanos, maxDelay.toNanos());
    nanos -= nanos * jitter * random;
    return Duration.ofNanos((long) nanos);
  }
}
