package io.petrel.broker.connection;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import io.petrel.broker.auth.AuthStep;
import io.petrel.broker.auth.EnhancedAuthenticator;
import io.petrel.broker.observe.PacketTrace;
import io.petrel.broker.routing.Message;
import io.petrel.broker.session.Session;
import io.petrel.codec.Auth;
import io.petrel.codec.Connect;
import io.petrel.codec.DecodeFailure;
import io.petrel.codec.Disconnect;
import io.petrel.codec.MqttPacket;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.PropertyId;
import io.petrel.codec.ProtocolVersion;
import io.petrel.codec.ReasonCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One per connection, on the connection's event loop. Handles CONNECT, decode failures, keep-alive
 * and the end of the connection; hands every other packet to the session's thread through {@link
 * SessionPackets}.
 */
public final class MqttConnectionHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(MqttConnectionHandler.class);

  /** A client must send CONNECT within this time of opening the connection. */
  static final long CONNECT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final BrokerContext broker;
  private final Optional<Boolean> allowAnonymous;
  private ClientConnection connection;
  private ProtocolVersion version;
  private String clientId = "<unknown>";
  private SessionPackets session;
  private List<MqttPacket> pendingUntilAttached;
  private boolean normalDisconnect;
  private boolean closing;
  private long sessionExpiry;
  // Enhanced authentication: the flow if CONNECT named a method, and the CONNECT that waits for
  // the exchange to succeed before it is accepted.
  private EnhancedAuthFlow auth;
  private Connect awaitingAuth;
  private ConnectRules.Decision awaitingAuthDecision;
  // Keep-alive (and, before CONNECT, the connect timeout) with one timer per connection and no
  // extra pipeline handler: idle connections are the common case and each handler costs memory.
  private long timeoutNanos = CONNECT_TIMEOUT_NANOS;
  private long lastReadNanos;
  private ScheduledFuture<?> timer;

  public MqttConnectionHandler(BrokerContext broker) {
    this(broker, Optional.empty());
  }

  /**
   * @param allowAnonymous the listener's own {@code allow_anonymous} ({@code
   *     per_listener_settings}); empty for the global setting
   */
  public MqttConnectionHandler(BrokerContext broker, Optional<Boolean> allowAnonymous) {
    this.broker = broker;
    this.allowAnonymous = allowAnonymous;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    lastReadNanos = System.nanoTime();
    scheduleTimer(ctx, timeoutNanos);
    ctx.fireChannelActive();
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    lastReadNanos = System.nanoTime(); // once per read batch, not per packet
    ctx.fireChannelReadComplete();
  }

  private void scheduleTimer(ChannelHandlerContext ctx, long delayNanos) {
    timer = ctx.executor().schedule(() -> onTimer(ctx), delayNanos, TimeUnit.NANOSECONDS);
  }

  private void onTimer(ChannelHandlerContext ctx) {
    timer = null;
    if (closing || !ctx.channel().isActive() || timeoutNanos == 0) {
      return;
    }
    if (!ctx.channel().config().isAutoRead()) {
      // Held back by a slow subscriber (ClientConnection.pause): its packets wait unread, so the
      // silence is ours, not the client's.
      lastReadNanos = System.nanoTime();
    }
    long idle = System.nanoTime() - lastReadNanos;
    if (idle < timeoutNanos) {
      scheduleTimer(ctx, timeoutNanos - idle);
      return;
    }
    closing = true;
    if (version == null) {
      Disconnector.disconnect(
          ctx.channel(),
          clientId,
          null,
          false,
          ReasonCode.MAXIMUM_CONNECT_TIME,
          "no CONNECT within the connect timeout");
    } else {
      Disconnector.disconnect(
          ctx.channel(),
          clientId,
          version,
          session != null,
          ReasonCode.KEEP_ALIVE_TIMEOUT,
          "keep-alive timeout: no packet for 1.5 times the keep-alive [MQTT-3.1.2-24]");
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (closing) {
      return;
    }
    if (msg instanceof DecodeFailure failure) {
      onDecodeFailure(ctx, failure);
    } else if (msg instanceof Connect connect) {
      PacketTrace.inbound(connect.clientId(), connect);
      if (version != null) {
        protocolError(ctx, "second CONNECT on one connection [MQTT-3.1.0-2]");
      } else {
        onConnect(ctx, connect);
      }
    } else if (msg instanceof MqttPacket packet) {
      PacketTrace.inbound(clientId, packet);
      if (version == null) {
        protocolError(ctx, "first packet was " + packet.type() + ", not CONNECT [MQTT-3.1.0-1]");
      } else if (awaitingAuth != null) {
        onPacketDuringAuth(ctx, packet);
      } else if (session == null) {
        pendingUntilAttached.add(packet); // CONNECT is still being attached to its session
      } else {
        dispatch(ctx, packet);
      }
    }
  }

  private void dispatch(ChannelHandlerContext ctx, MqttPacket packet) {
    if (packet instanceof Disconnect disconnect) {
      onDisconnect(ctx, disconnect);
      return;
    }
    if (packet instanceof Auth a) {
      if (auth == null) {
        protocolError(ctx, "AUTH without an authentication method in CONNECT [MQTT-4.12.0-7]");
      } else {
        onAuthStep(ctx, auth.onAuth(a, true));
      }
      return;
    }
    session.handle(packet);
  }

  /** Before CONNACK, a client that started enhanced authentication may send only AUTH. */
  private void onPacketDuringAuth(ChannelHandlerContext ctx, MqttPacket packet) {
    if (packet instanceof Auth a) {
      onAuthStep(ctx, auth.onAuth(a, false));
    } else if (packet instanceof Disconnect) {
      closing = true;
      ctx.close();
    } else {
      Disconnector.refuse(
          ctx.channel(),
          clientId,
          version,
          ReasonCode.PROTOCOL_ERROR,
          packet.type() + " before the authentication finished [MQTT-3.1.2-30]");
      closing = true;
    }
  }

  private void onDisconnect(ChannelHandlerContext ctx, Disconnect disconnect) {
    OptionalLong expiry = disconnect.properties().integer(PropertyId.SESSION_EXPIRY_INTERVAL);
    if (expiry.isPresent()) {
      if (sessionExpiry == 0 && expiry.getAsLong() != 0) {
        // A session that was to end with its connection cannot be kept now [MQTT-3.14.2-2].
        protocolError(ctx, "DISCONNECT sets a session expiry after CONNECT had 0 [MQTT-3.14.2-2]");
        return;
      }
      session.session().expiryChanged(connection, expiry.getAsLong());
    }
    // [MQTT-3.14.4-3]: the will is discarded; in MQTT 5 0x04 asks for it to be sent anyway.
    normalDisconnect = disconnect.reasonCode() != ReasonCode.DISCONNECT_WITH_WILL_MESSAGE;
    closing = true;
    ctx.close();
  }

  private void onConnect(ChannelHandlerContext ctx, Connect connect) {
    // The codec has switched to this version as it decoded the CONNECT, for what it writes too.
    version = connect.version();
    ConnectRules.Decision decision =
        ConnectRules.decide(
            connect,
            TlsIdentity.certificateUsername(ctx.channel()),
            broker.config(),
            broker.passwords(),
            allowAnonymous.orElse(broker.config().allowAnonymous()));
    if (decision.refusal().isPresent()) {
      closing = true;
      broker.counters().connectionRefused();
      if (decision.failedLogin()) {
        Disconnector.refuseLogin(
            ctx.channel(), decision.clientId(), version, broker.failedLogins());
      } else {
        Disconnector.refuse(
            ctx.channel(), decision.clientId(), version, decision.refusal().get(), decision.why());
      }
      return;
    }
    clientId = decision.clientId();
    Optional<String> method =
        version.isMqtt5()
            ? connect.properties().string(PropertyId.AUTHENTICATION_METHOD)
            : Optional.empty();
    if (method.isPresent()) {
      Optional<EnhancedAuthenticator> authenticator =
          broker.authenticators().forMethod(method.get());
      if (authenticator.isEmpty()) {
        closing = true;
        broker.counters().connectionRefused();
        Disconnector.refuse(
            ctx.channel(),
            clientId,
            version,
            ReasonCode.BAD_AUTHENTICATION_METHOD,
            "authentication method " + method.get() + " is not offered [MQTT-4.12.0-1]");
        return;
      }
      auth = new EnhancedAuthFlow(authenticator.get(), clientId, connect.username());
      awaitingAuth = connect;
      awaitingAuthDecision = decision;
      onAuthStep(ctx, auth.begin(connect.properties()));
      return;
    }
    accept(ctx, connect, decision, MqttProperties.EMPTY);
  }

  /** A step of enhanced authentication, before CONNACK or in a re-authentication. */
  private void onAuthStep(ChannelHandlerContext ctx, AuthStep step) {
    boolean connAckSent = awaitingAuth == null;
    if (step instanceof AuthStep.Continue c) {
      ctx.writeAndFlush(
          new Auth(
              ReasonCode.CONTINUE_AUTHENTICATION, auth.properties(Optional.of(c.serverData()))));
    } else if (step instanceof AuthStep.Success s) {
      if (connAckSent) {
        ctx.writeAndFlush(new Auth(ReasonCode.SUCCESS, auth.properties(s.serverData())));
        LOG.debug("Client {} re-authenticated with {}", clientId, auth.method());
      } else {
        Connect connect = awaitingAuth;
        awaitingAuth = null;
        accept(ctx, connect, awaitingAuthDecision, auth.properties(s.serverData()));
      }
    } else if (step instanceof AuthStep.Failure f) {
      closing = true;
      if (connAckSent) {
        Disconnector.disconnect(
            ctx.channel(), clientId, version, true, f.reasonCode(), f.logReason());
      } else {
        broker.counters().connectionRefused();
        Disconnector.refuse(ctx.channel(), clientId, version, f.reasonCode(), f.logReason());
      }
    }
  }

  /** The client is who it says it is: attach it to its session and send CONNACK. */
  private void accept(
      ChannelHandlerContext ctx,
      Connect connect,
      ConnectRules.Decision decision,
      MqttProperties authProperties) {
    Connector.Accepted accepted;
    try {
      accepted = Connector.accept(connect, decision, broker.config(), authProperties);
    } catch (IllegalArgumentException badWill) {
      closing = true;
      Disconnector.refuse(
          ctx.channel(), clientId, version, ReasonCode.TOPIC_NAME_INVALID, badWill.getMessage());
      return;
    }
    // After enhanced authentication the exchange says who the client is, else the CONNECT rules.
    Optional<String> username = auth != null ? auth.username() : decision.username();
    Optional<Message> will = accepted.terms().will();
    if (will.isPresent()
        && broker.authorizer().isPresent()
        && !broker.authorizer().get().mayPublish(clientId, username, will.get().topic().value())) {
      // Mosquitto 2 checks the will against the ACL at CONNECT and refuses it there.
      closing = true;
      broker.counters().connectionRefused();
      Disconnector.refuse(
          ctx.channel(),
          clientId,
          version,
          ReasonCode.NOT_AUTHORIZED,
          "not authorized to publish the will to " + will.get().topic().value());
      return;
    }
    int keepAlive = accepted.keepAliveSeconds();
    // The server closes a connection silent for 1.5 keep-alive periods [MQTT-3.1.2-24]; 0 turns
    // keep-alive off. The running timer picks the new period up when it next fires.
    timeoutNanos = keepAlive * 1_500_000_000L;
    lastReadNanos = System.nanoTime();
    if (timeoutNanos > 0 && timer != null) {
      timer.cancel(false);
      scheduleTimer(ctx, timeoutNanos);
    }
    sessionExpiry = accepted.terms().expirySeconds();
    connection =
        new ClientConnection(ctx.channel(), clientId, version, accepted.limits(), username);
    pendingUntilAttached = new ArrayList<>();
    ctx.channel().config().setAutoRead(false);
    broker.counters().connectionOpened();
    broker
        .sessions()
        .attach(
            clientId,
            ctx.channel(),
            connection,
            accepted.terms(),
            attached -> onAttached(ctx, attached, accepted));
  }

  /** Runs on the session's thread once the session is ours. */
  private void onAttached(
      ChannelHandlerContext ctx, Session attached, Connector.Accepted accepted) {
    attached.write(accepted.connAck(attached.sessionPresent()));
    attached.resume();
    ctx.executor()
        .execute(
            () -> {
              session = new SessionPackets(attached, connection, broker);
              if (!ctx.channel().isActive()) {
                attached.connectionClosed(connection, false);
                return;
              }
              LOG.debug(
                  "Client {} connected from {} ({}, clean={})",
                  clientId,
                  Disconnector.address(ctx.channel().remoteAddress()),
                  version,
                  !attached.sessionPresent());
              List<MqttPacket> pending = pendingUntilAttached;
              pendingUntilAttached = null;
              for (MqttPacket p : pending) {
                if (!closing) {
                  dispatch(ctx, p);
                }
              }
              ctx.channel().config().setAutoRead(true);
            });
  }

  private void onDecodeFailure(ChannelHandlerContext ctx, DecodeFailure failure) {
    closing = true;
    if (failure.reasonCode() == ReasonCode.UNSUPPORTED_PROTOCOL_VERSION) {
      // Answer in the 3.1.1 form with return code 1, then close [MQTT-3.1.2-2].
      Disconnector.refuse(
          ctx.channel(),
          clientId,
          ProtocolVersion.MQTT_3_1_1,
          ReasonCode.UNSUPPORTED_PROTOCOL_VERSION,
          failure.toString());
      return;
    }
    Disconnector.disconnect(
        ctx.channel(),
        clientId,
        version,
        session != null,
        failure.reasonCode(),
        failure.toString());
  }

  private void protocolError(ChannelHandlerContext ctx, String why) {
    closing = true;
    Disconnector.disconnect(
        ctx.channel(), clientId, version, session != null, ReasonCode.PROTOCOL_ERROR, why);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable() && session != null) {
      session.session().drain();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (timer != null) {
      timer.cancel(false);
    }
    if (session != null) {
      session.session().connectionClosed(connection, normalDisconnect);
    }
    // If the session is still being attached, onAttached sees the closed channel and detaches.
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException) {
      LOG.debug(
          "Connection from {} (client {}) failed: {}",
          Disconnector.address(ctx.channel().remoteAddress()),
          clientId,
          cause.toString());
    } else {
      LOG.warn("Unexpected error on connection of client {}", clientId, cause);
    }
    closing = true;
    ctx.close();
  }
}
