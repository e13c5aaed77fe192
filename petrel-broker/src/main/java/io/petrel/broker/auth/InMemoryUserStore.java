package io.petrel.broker.auth;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users held in memory, for embedding and tests. Only the derived credential is kept, never the
 * password; users may be added, replaced and removed while connections authenticate.
 */
public final class InMemoryUserStore implements UserStore {
  private final Map<String, ScramCredential> users = new ConcurrentHashMap<>();

  /**
   * Adds or replaces a user, deriving a credential with a random salt and 4096 iterations. The
   * password array is not kept; the caller still owns it and may clear it.
   */
  public InMemoryUserStore add(String username, char[] password) {
    return add(username, ScramCredential.fromPassword(password));
  }

  /** Adds or replaces a user with a credential derived elsewhere. */
  public InMemoryUserStore add(String username, ScramCredential credential) {
    users.put(Objects.requireNonNull(username, "username"), credential);
    return this;
  }

  /** Removes a user; connections that already authenticated stay connected. */
  public void remove(String username) {
    users.remove(username);
  }

  @Override
  public Optional<ScramCredential> scramCredential(String username) {
    return Optional.ofNullable(users.get(username));
  }
}
