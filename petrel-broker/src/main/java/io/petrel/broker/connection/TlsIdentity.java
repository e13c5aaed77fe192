package io.petrel.broker.connection;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.Optional;

/**
 * What TLS proved about a client, as a channel attribute: the transport sets it when the TLS
 * handshake succeeds, before the first MQTT byte is read, so the CONNECT handling and the
 * authentication that comes later can read it from the channel.
 */
public final class TlsIdentity {
  /**
   * The subject CN of the client's certificate, on a listener with {@code use_identity_as_username
   * true}. In Mosquitto it replaces the username of the CONNECT.
   */
  public static final AttributeKey<String> CERTIFICATE_USERNAME =
      AttributeKey.valueOf("petrel.certificateUsername");

  private TlsIdentity() {}

  /** The username the client's certificate gives it, if its listener uses certificate names. */
  public static Optional<String> certificateUsername(Channel channel) {
    // hasAttr first: attr() would add an empty attribute to every connection that asks.
    return channel.hasAttr(CERTIFICATE_USERNAME)
        ? Optional.ofNullable(channel.attr(CERTIFICATE_USERNAME).get())
        : Optional.empty();
  }
}
