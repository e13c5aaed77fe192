package io.petrel.broker.auth;

import java.util.Optional;

/** Where authenticators find users. Implementations are safe for concurrent use. */
public interface UserStore {

  /** The user's SCRAM-SHA-256 credential, or empty if there is no such user (or it has none). */
  Optional<ScramCredential> scramCredential(String username);
}
