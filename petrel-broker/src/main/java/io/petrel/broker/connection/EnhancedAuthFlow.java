package io.petrel.broker.connection;

import io.petrel.broker.auth.AuthExchange;
import io.petrel.broker.auth.AuthStep;
import io.petrel.broker.auth.EnhancedAuthenticator;
import io.petrel.codec.Auth;
import io.petrel.codec.Bytes;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.PropertyId;
import io.petrel.codec.ReasonCode;
import java.util.Optional;

/**
 * One connection's enhanced authentication (MQTT 5.0 section 4.12): the AUTH exchange that runs
 * between CONNECT and CONNACK, and any re-authentication the client starts later. Holds the
 * exchange in progress; used on the connection's event loop only.
 */
final class EnhancedAuthFlow {
  private final EnhancedAuthenticator authenticator;
  private final String clientId;
  private Optional<String> username;
  private AuthExchange exchange;
  private boolean reauthenticating;

  EnhancedAuthFlow(
      EnhancedAuthenticator authenticator, String clientId, Optional<String> username) {
    this.authenticator = authenticator;
    this.clientId = clientId;
    this.username = username;
  }

  String method() {
    return authenticator.method();
  }

  /** The user the last successful exchange proved; before one, the CONNECT's user name. */
  Optional<String> username() {
    return username;
  }

  /** Starts the exchange with the CONNECT's Authentication Data. */
  AuthStep begin(MqttProperties connectProperties) {
    exchange = authenticator.begin(clientId, username, data(connectProperties));
    return finishIfDone(exchange.first());
  }

  /**
   * The answer to a client's AUTH packet, or a failure when the packet breaks the rules of the
   * exchange.
   *
   * @param connAckSent whether the connection was accepted (only then may 0x19 start a new
   *     exchange)
   */
  AuthStep onAuth(Auth auth, boolean connAckSent) {
    Optional<String> method = auth.properties().string(PropertyId.AUTHENTICATION_METHOD);
    if (method.isEmpty() || !method.get().equals(authenticator.method())) {
      return protocolError("AUTH must name the method of the CONNECT [MQTT-4.12.0-5]");
    }
    if (auth.reasonCode() == ReasonCode.REAUTHENTICATE) {
      if (!connAckSent || exchange != null) {
        return protocolError("re-authentication while an exchange is in progress");
      }
      reauthenticating = true;
      // The same user must prove itself again: SCRAM refuses another name.
      exchange = authenticator.begin(clientId, username, data(auth.properties()));
      return finishIfDone(exchange.first());
    }
    if (auth.reasonCode() != ReasonCode.CONTINUE_AUTHENTICATION || exchange == null) {
      return protocolError("unexpected AUTH " + auth.reasonCode());
    }
    return finishIfDone(exchange.step(data(auth.properties())));
  }

  /** Whether the last finished exchange was a re-authentication (answered by AUTH, not CONNACK). */
  boolean wasReauthentication() {
    return reauthenticating;
  }

  /** The properties of an AUTH or CONNACK that carries the server's data of a step. */
  MqttProperties properties(Optional<Bytes> serverData) {
    MqttProperties.Builder b =
        MqttProperties.builder().string(PropertyId.AUTHENTICATION_METHOD, authenticator.method());
    serverData.ifPresent(d -> b.binary(PropertyId.AUTHENTICATION_DATA, d));
    return b.build();
  }

  private AuthStep finishIfDone(AuthStep step) {
    if (step instanceof AuthStep.Success s) {
      exchange = null;
      username = Optional.of(s.username());
    } else if (step instanceof AuthStep.Failure) {
      exchange = null;
    }
    return step;
  }

  private static AuthStep protocolError(String why) {
    return new AuthStep.Failure(ReasonCode.PROTOCOL_ERROR, why);
  }

  private static Bytes data(MqttProperties props) {
    return props.binary(PropertyId.AUTHENTICATION_DATA).orElse(Bytes.EMPTY);
  }
}
