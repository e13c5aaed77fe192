package io.petrel.broker.transport;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.petrel.broker.connection.Disconnector;
import io.petrel.broker.connection.TlsIdentity;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits right after the {@link SslHandler}: logs a failed handshake in one line (an untrusted or
 * missing client certificate is the client's mistake, not the broker's error) and, with {@code
 * use_identity_as_username}, puts the subject CN of the client's certificate on the channel as
 * {@link TlsIdentity#CERTIFICATE_USERNAME} before any MQTT byte is decoded.
 */
final class TlsHandshakeHandler extends ChannelDuplexHandler {
  private static final Logger LOG = LoggerFactory.getLogger(TlsHandshakeHandler.class);

  private final String listener;
  private final boolean identityAsUsername;

  TlsHandshakeHandler(String listener, boolean identityAsUsername) {
    this.listener = listener;
    this.identityAsUsername = identityAsUsername;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof SslHandshakeCompletionEvent done) {
      if (!done.isSuccess()) {
        LOG.info(
            "TLS handshake with {} on listener {} failed: {}",
            Disconnector.address(ctx.channel().remoteAddress()),
            listener,
            rootMessage(done.cause()));
        ctx.close();
        return;
      }
      if (identityAsUsername && !setUsername(ctx)) {
        return;
      }
    }
    super.userEventTriggered(ctx, event);
  }

  // The SslHandler fires the completion event before it passes on any decrypted byte, so the
  // attribute is there when CONNECT arrives.
  private boolean setUsername(ChannelHandlerContext ctx) {
    Optional<String> name = commonName(ctx.pipeline().get(SslHandler.class));
    if (name.isEmpty()) {
      LOG.info(
          "Closed connection from {} on listener {}: its certificate has no subject CN to use as"
              + " the username (use_identity_as_username)",
          Disconnector.address(ctx.channel().remoteAddress()),
          listener);
      ctx.close();
      return false;
    }
    ctx.channel().attr(TlsIdentity.CERTIFICATE_USERNAME).set(name.get());
    return true;
  }

  private static Optional<String> commonName(SslHandler ssl) {
    try {
      Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
      if (chain.length == 0 || !(chain[0] instanceof X509Certificate certificate)) {
        return Optional.empty();
      }
      String subject = certificate.getSubjectX500Principal().getName();
      for (Rdn rdn : new LdapName(subject).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return Optional.of(rdn.getValue().toString());
        }
      }
      return Optional.empty();
    } catch (SSLPeerUnverifiedException | InvalidNameException e) {
      return Optional.empty();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // The SslHandler reports a failed handshake twice: as the event above and as this exception.
    if (cause instanceof SSLException
        || (cause instanceof DecoderException && cause.getCause() instanceof SSLException)) {
      LOG.debug(
          "TLS error on connection from {}: {}",
          Disconnector.address(ctx.channel().remoteAddress()),
          rootMessage(cause));
      ctx.close();
      return;
    }
    ctx.fireExceptionCaught(cause);
  }

  private static String rootMessage(Throwable cause) {
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }
}
