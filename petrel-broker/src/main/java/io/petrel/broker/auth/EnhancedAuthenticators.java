package io.petrel.broker.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The mechanisms a broker offers, looked up by the Authentication Method a client names. */
public final class EnhancedAuthenticators {
  public static final EnhancedAuthenticators NONE = new EnhancedAuthenticators(List.of());

  private final Map<String, EnhancedAuthenticator> byMethod;

  private EnhancedAuthenticators(List<EnhancedAuthenticator> authenticators) {
    Map<String, EnhancedAuthenticator> map = new LinkedHashMap<>();
    for (EnhancedAuthenticator a : authenticators) {
      if (map.putIfAbsent(a.method(), a) != null) {
        throw new IllegalArgumentException("two authenticators for method " + a.method());
      }
    }
    this.byMethod = Map.copyOf(map);
  }

  /**
   * @throws IllegalArgumentException if two of them answer to the same method
   */
  public static EnhancedAuthenticators of(EnhancedAuthenticator... authenticators) {
    return new EnhancedAuthenticators(List.of(authenticators));
  }

  /**
   * The mechanism for a method, compared exactly. Empty means the connection layer answers with
   * 0x8C Bad authentication method and closes [MQTT-4.12.0-1].
   */
  public Optional<EnhancedAuthenticator> forMethod(String method) {
    return Optional.ofNullable(byMethod.get(method));
  }

  public Set<String> methods() {
    return byMethod.keySet();
  }
}
