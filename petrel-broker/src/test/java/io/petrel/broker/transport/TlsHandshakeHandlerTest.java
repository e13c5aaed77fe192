package io.petrel.broker.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.petrel.broker.config.TlsSettings;
import io.petrel.broker.connection.TlsIdentity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Does use_identity_as_username put the certificate's CN on the channel before any MQTT byte? */
class TlsHandshakeHandlerTest {
  @TempDir Path dir;
  private TestCertificates certificates;
  private ListenerTls listenerTls;

  @BeforeEach
  void listener() throws Exception {
    certificates = TestCertificates.create(dir);
    listenerTls =
        ListenerTls.open(
            "test",
            TlsSettings.of(certificates.serverCertFile(), certificates.serverKeyFile())
                .requiringClientCertificates(certificates.caFile())
                .withIdentityAsUsername());
  }

  /** Records the username on the channel as each application byte arrives. */
  private static final class UsernameAtRead extends ChannelInboundHandlerAdapter {
    final List<Optional<String>> seen = new ArrayList<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      seen.add(TlsIdentity.certificateUsername(ctx.channel()));
      ((ByteBuf) msg).release();
    }
  }

  @Test
  void theCertificatesCommonNameIsTheUsernameWhenTheFirstByteArrives() throws Exception {
    UsernameAtRead reader = new UsernameAtRead();
    EmbeddedChannel server = server(reader);
    EmbeddedChannel client = client(certificates.client("sensor-7"));
    shuttle(client, server);

    client.writeAndFlush(Unpooled.copiedBuffer("\u0010", StandardCharsets.US_ASCII));
    shuttle(client, server);

    assertThat(reader.seen).isNotEmpty().allMatch(name -> name.equals(Optional.of("sensor-7")));
    assertThat(server.isActive()).isTrue();
    client.finishAndReleaseAll();
    server.finishAndReleaseAll();
  }

  @Test
  void aFailedHandshakeClosesTheConnectionWithoutAUsername() throws Exception {
    UsernameAtRead reader = new UsernameAtRead();
    EmbeddedChannel server = server(reader);
    EmbeddedChannel client = client(certificates.untrustedClient("intruder"));
    shuttle(client, server);

    assertThat(server.isActive()).isFalse();
    assertThat(TlsIdentity.certificateUsername(server)).isEmpty();
    assertThat(reader.seen).isEmpty();
    client.finishAndReleaseAll();
    server.finishAndReleaseAll();
  }

  private EmbeddedChannel server(UsernameAtRead reader) {
    return new EmbeddedChannel(
        listenerTls.context().newHandler(ByteBufAllocator.DEFAULT),
        new TlsHandshakeHandler("test", true),
        reader);
  }

  private EmbeddedChannel client(TestCertificates.Identity identity) throws Exception {
    SslContext context =
        SslContextBuilder.forClient()
            .sslProvider(SslProvider.JDK)
            .trustManager(certificates.trustManagerFactory())
            .keyManager(TestCertificates.keyManagerFactory(identity))
            .build();
    return new EmbeddedChannel(
        context.newHandler(ByteBufAllocator.DEFAULT, "localhost", 8883),
        new ChannelInboundHandlerAdapter() {
          @Override
          public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a refused client: the server side is under test
          }
        });
  }

  /** Moves bytes between the two ends until neither has anything left to say. */
  private static void shuttle(EmbeddedChannel client, EmbeddedChannel server) {
    boolean moved = true;
    while (moved) {
      moved = move(client, server) | move(server, client);
      client.runPendingTasks();
      server.runPendingTasks();
    }
  }

  private static boolean move(EmbeddedChannel from, EmbeddedChannel to) {
    boolean moved = false;
    ByteBuf bytes;
    while ((bytes = from.readOutbound()) != null) {
      moved = true;
      if (to.isActive()) {
        to.writeInbound(bytes);
      } else {
        bytes.release();
      }
    }
    return moved;
  }
}
