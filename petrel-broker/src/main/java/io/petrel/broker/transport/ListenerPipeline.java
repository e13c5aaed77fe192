package io.petrel.broker.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslHandler;
import io.petrel.broker.config.ListenerConfig;
import io.petrel.broker.config.ListenerProtocol;
import io.petrel.broker.connection.BrokerContext;
import io.petrel.broker.connection.MqttConnectionHandler;
import io.petrel.codec.MqttCodec;
import java.util.Optional;

/**
 * How the connections of one listener are put together. Every connection starts as {@code detect,
 * codec, mqtt}; the {@link ProtocolDetector} then inserts TLS or the WebSocket handlers in front of
 * the MQTT codec, which is the same for every transport.
 */
final class ListenerPipeline {
  /** Subprotocols MQTT clients ask for: {@code mqtt} (3.1.1 and 5), {@code mqttv3.1} (3.1). */
  static final String WEBSOCKET_SUBPROTOCOLS = "mqtt,mqttv3.1";

  // The upgrade request is a GET with headers only; this is plenty for any browser's headers.
  private static final int MAX_HANDSHAKE_REQUEST_BYTES = 65_536;
  private static final long WEBSOCKET_HANDSHAKE_TIMEOUT_MILLIS = 10_000;

  private final ListenerConfig config;
  private final BrokerContext broker;
  private final Optional<ListenerTls> tls;
  private final String name;

  ListenerPipeline(ListenerConfig config, BrokerContext broker, Optional<ListenerTls> tls) {
    this.config = config;
    this.broker = broker;
    this.tls = tls;
    this.name = config.describe();
  }

  /** The listener as logs name it; its configured address and port. */
  String name() {
    return name;
  }

  Optional<ListenerTls> tls() {
    return tls;
  }

  boolean acceptsPlainMqtt() {
    return config.protocol() == ListenerProtocol.MQTT;
  }

  /** The pipeline every new connection starts with. */
  void initChannel(Channel ch) {
    ch.pipeline()
        .addLast("detect", new ProtocolDetector(this, false))
        .addLast(
            "codec",
            new MqttCodec(broker.config().maxPacketSize(), true, broker.config().wildcardSyntax()))
        .addLast("mqtt", new MqttConnectionHandler(broker, config.limits().allowAnonymous()));
  }

  /** TLS after {@code detector}, and another detector for what runs inside TLS. */
  void addTls(ChannelHandlerContext detector) {
    ListenerTls listenerTls = tls.orElseThrow();
    SslHandler ssl = listenerTls.context().newHandler(detector.alloc());
    detector
        .pipeline()
        .addAfter(detector.name(), "tls", ssl)
        .addAfter(
            "tls",
            "tls-handshake",
            new TlsHandshakeHandler(name, listenerTls.settings().useIdentityAsUsername()))
        .addAfter("tls-handshake", "detect-in-tls", new ProtocolDetector(this, true));
  }

  /** The HTTP upgrade to WebSocket after {@code detector}, then MQTT in binary frames. */
  void addWebSocket(ChannelHandlerContext detector) {
    ChannelPipeline pipeline = detector.pipeline();
    // A frame may hold a whole packet, so it may be as large as one; the MQTT decoder then
    // applies max_packet_size to what the frames carry.
    int maxFrame = Math.max(broker.config().maxPacketSize(), MAX_HANDSHAKE_REQUEST_BYTES);
    WebSocketServerProtocolConfig webSocket =
        WebSocketServerProtocolConfig.newBuilder()
            .websocketPath(config.websocketsPath())
            .subprotocols(WEBSOCKET_SUBPROTOCOLS)
            .handshakeTimeoutMillis(WEBSOCKET_HANDSHAKE_TIMEOUT_MILLIS)
            .decoderConfig(
                WebSocketDecoderConfig.newBuilder()
                    .maxFramePayloadLength(maxFrame)
                    .allowExtensions(false)
                    .build())
            .build();
    pipeline
        .addAfter(detector.name(), "http", new HttpServerCodec())
        .addAfter("http", "http-aggregator", new HttpObjectAggregator(MAX_HANDSHAKE_REQUEST_BYTES))
        .addAfter("http-aggregator", "websocket", new WebSocketServerProtocolHandler(webSocket))
        .addAfter("websocket", "websocket-mqtt", new MqttWebSocketHandler(name));
  }
}
