package io.petrel.broker.session;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.petrel.broker.routing.Message;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * How long a session outlives its connection, and when its will goes out. Owned by one session and
 * used on its thread only: the timers run on the session's executor.
 *
 * <p>When a connection is lost without DISCONNECT, the will is published after its delay, or at
 * once when the session ends first, or never when the client comes back in time [MQTT-3.1.3-9]. The
 * session itself ends when the connection closes with an expiry of 0, or when the expiry interval
 * passes without a new connection (MQTT 5.0 section 4.1).
 */
final class SessionLifetime {
  private final EventExecutor executor;
  private final Consumer<Message> publishWill;
  private final Runnable endSession;

  private long expirySeconds;
  private Optional<Message> will = Optional.empty();
  private long willDelaySeconds;
  private Message pendingWill;
  private ScheduledFuture<?> willTimer;
  private ScheduledFuture<?> expiryTimer;

  SessionLifetime(EventExecutor executor, Consumer<Message> publishWill, Runnable endSession) {
    this.executor = executor;
    this.publishWill = publishWill;
    this.endSession = endSession;
  }

  /** Whether the session outlives its connection: its state is kept, and stored. */
  boolean persistent() {
    return expirySeconds > 0;
  }

  long expirySeconds() {
    return expirySeconds;
  }

  /**
   * A connection attaches. A will still waiting from the previous connection is dropped: the client
   * came back within the delay [MQTT-3.1.3-9]; with clean start the old session ended first, which
   * published it ({@link #sessionEnds}).
   */
  void attached(SessionTerms terms) {
    cancelExpiry();
    cancelPendingWill();
    expirySeconds = terms.expirySeconds();
    will = terms.will();
    willDelaySeconds = terms.willDelaySeconds();
  }

  /**
   * A connection is being replaced by a new one for the same client id. Its will goes out unless
   * the session continues (clean start 0) and the will has a delay [MQTT-3.1.4-3].
   */
  void takenOver(boolean newCleanStart) {
    Optional<Message> w = will;
    will = Optional.empty();
    if (w.isPresent() && (newCleanStart || willDelaySeconds == 0)) {
      publishWill.accept(w.get());
    }
  }

  /**
   * A stored session brought back at start-up, offline: its expiry runs from when its connection
   * closed, so a session already past it ends at once.
   */
  void restoredOffline(long seconds, long offlineMillis) {
    expirySeconds = seconds;
    if (seconds != SessionTerms.NEVER_EXPIRES) {
      long leftMillis = Math.max(0, seconds * 1000 - offlineMillis);
      expiryTimer = executor.schedule(this::expired, leftMillis, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * A will stored with the session whose connection ended with the broker: it goes out after its
   * delay, counted from now, or when the session ends first [MQTT-3.1.3-9].
   */
  void restoredWill(Message will, long delaySeconds) {
    if (delaySeconds == 0 || expirySeconds == 0) {
      publishWill.accept(will);
      return;
    }
    pendingWill = will;
    willTimer = executor.schedule(this::willDelayPassed, delaySeconds, TimeUnit.SECONDS);
  }

  /** The client changed the session expiry in its DISCONNECT (MQTT 5.0 section 3.14.2.2.2). */
  void expiryChanged(long seconds) {
    expirySeconds = seconds;
  }

  /**
   * The connection is gone.
   *
   * @param sendWill false after a normal DISCONNECT, which discards the will [MQTT-3.14.4-3]
   * @return true if the session ends now (expiry 0)
   */
  boolean connectionLost(boolean sendWill) {
    Optional<Message> w = will;
    will = Optional.empty();
    if (sendWill && w.isPresent()) {
      if (willDelaySeconds == 0 || expirySeconds == 0) {
        publishWill.accept(w.get());
      } else {
        pendingWill = w.get();
        willTimer = executor.schedule(this::willDelayPassed, willDelaySeconds, TimeUnit.SECONDS);
      }
    }
    if (expirySeconds == 0) {
      return true;
    }
    if (expirySeconds != SessionTerms.NEVER_EXPIRES) {
      expiryTimer = executor.schedule(this::expired, expirySeconds, TimeUnit.SECONDS);
    }
    return false;
  }

  /** The session ends (expired, or replaced by a clean start): a waiting will goes out now. */
  void sessionEnds() {
    cancelExpiry();
    Message w = pendingWill;
    cancelPendingWill();
    if (w != null) {
      publishWill.accept(w);
    }
  }

  private void willDelayPassed() {
    willTimer = null;
    Message w = pendingWill;
    pendingWill = null;
    if (w != null) {
      publishWill.accept(w);
    }
  }

  private void expired() {
    expiryTimer = null;
    endSession.run();
  }

  private void cancelPendingWill() {
    pendingWill = null;
    if (willTimer != null) {
      willTimer.cancel(false);
      willTimer = null;
    }
  }

  private void cancelExpiry() {
    if (expiryTimer != null) {
      expiryTimer.cancel(false);
      expiryTimer = null;
    }
  }
}
