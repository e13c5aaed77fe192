package io.petrel.broker.auth;

import io.petrel.codec.Bytes;
import java.util.Optional;

/**
 * One enhanced-authentication mechanism (MQTT 5.0 section 4.12), named by the CONNECT's
 * Authentication Method property. Implementations are safe for concurrent use: one instance serves
 * every connection, and each connection gets its own {@link AuthExchange}.
 */
public interface EnhancedAuthenticator {

  /** The Authentication Method this mechanism answers to, compared exactly (e.g. SCRAM-SHA-256). */
  String method();

  /**
   * Starts an exchange for a CONNECT (or an AUTH 0x19 Re-authenticate [MQTT-4.12.1-1]) that named
   * this method. Never throws for bad client data: that is a {@link AuthStep.Failure} from {@link
   * AuthExchange#first()}.
   *
   * @param clientId the client identifier of the connection, after any assignment
   * @param username the CONNECT's User Name, if it had one
   * @param authData the Authentication Data property, empty if it was absent
   */
  AuthExchange begin(String clientId, Optional<String> username, Bytes authData);
}
