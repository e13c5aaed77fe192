package io.petrel.client.internal;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.petrel.client.ReconnectPolicy;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * When the next reconnect attempt runs: counts the attempts since the last accepted connection and
 * waits out the {@link ReconnectPolicy}'s backoff, with jitter, on the client's event loop.
 */
final class ReconnectSchedule {
  private static final InternalLogger log =
      InternalLoggerFactory.getInstance(ReconnectSchedule.class);

  private final ReconnectPolicy policy;
  private final String address;
  private final EventLoop loop;
  private int attempts;
  private ScheduledFuture<?> timer;

  ReconnectSchedule(ClientSettings settings, EventLoop loop) {
    this.policy = settings.reconnect();
    this.address = settings.address();
    this.loop = loop;
  }

  /** A connection was accepted, or a new {@code connect()} begins: the backoff starts over. */
  void reset() {
    attempts = 0;
  }

  /** Whether the policy allows another attempt. */
  boolean allowsAnother() {
    return policy.enabled() && (policy.maxAttempts() == 0 || attempts < policy.maxAttempts());
  }

  /** Runs {@code attempt} on the event loop after the backoff for the next attempt. */
  void schedule(Runnable attempt) {
    Duration delay = policy.delay(attempts++, ThreadLocalRandom.current().nextDouble());
    log.debug("reconnecting to {} in {} ms", address, delay.toMillis());
    timer =
        loop.schedule(
            () -> {
              timer = null;
              attempt.run();
            },
            delay.toNanos(),
            TimeUnit.NANOSECONDS);
  }

  /** Stops a waiting attempt; the attempt also checks that it is still wanted when it runs. */
  void cancel() {
    if (timer != null) {
      timer.cancel(false);
    }
  }
}
