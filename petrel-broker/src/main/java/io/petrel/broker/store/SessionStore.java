package io.petrel.broker.store;

import io.petrel.broker.routing.Message;
import io.petrel.codec.SubscriptionOptions;
import java.util.List;
import java.util.Optional;
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

  /**
   * A persistent session exists for the client id, kept for {@code expirySeconds} after its
   * connection closes (0xFFFFFFFF: until a clean start), for the user the connection authenticated
   * as. Creates or updates it.
   */
  void createSession(String clientId, long expirySeconds, Optional<String> username);

  /**
   * The session's connection closed at {@code epochMillis}: its expiry counts from then, also
   * across a restart. A new connection clears it ({@link #createSession}).
   */
  void sessionDisconnected(String clientId, long epochMillis);

  /**
   * The session's current connection has a will: kept until it is published or dropped, so that a
   * crash of the broker does not lose it.
   */
  void saveWill(String clientId, Message will, long delaySeconds);

  /** The session's will was published or dropped. */
  void clearWill(String clientId);

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
