package io.petrel.broker.store;

import io.petrel.codec.SubscriptionOptions;
import java.util.List;
import java.util.OptionalInt;

/**
 * Where persistent sessions (clean session 0) are kept so that they outlive the broker process or
 * an embedded broker's restart. Changes are explicit commands, applied in the order a session makes
 * them on its own thread, so that a write-ahead log or a replicated log can carry the same
 * commands. Clean sessions are never stored.
 *
 * <p>Implementations are safe for concurrent use by different sessions.
 */
public interface SessionStore extends AutoCloseable {

  /** Every stored session, read once when the broker starts. */
  List<StoredSession> load();

  /** A persistent session exists for the client id (idempotent). */
  void createSession(String clientId);

  /** The session and everything stored for it are gone. */
  void removeSession(String clientId);

  /**
   * Adds or replaces a subscription of a stored session, with its subscription identifier if the
   * SUBSCRIBE had one (a replacement without one removes it).
   */
  void addSubscription(
      String clientId, String topicFilter, SubscriptionOptions options, OptionalInt subscriptionId);

  void removeSubscription(String clientId, String topicFilter);

  @Override
  void close();
}
