package io.petrel.codec;

import static io.petrel.codec.ProtocolVersion.MQTT_3_1_1;
import static io.petrel.codec.ProtocolVersion.MQTT_5;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How does the frame decoder cut a byte stream into packets, and how does it fail? */
class MqttFrameDecoderTest {
  private final List<EmbeddedChannel> channels = new ArrayList<>();

  @AfterEach
  void closeChannels() {
    for (EmbeddedChannel channel : channels) {
      assertThat(channel.finishAndReleaseAll()).as("nothing left unread").isFalse();
    }
  }

  private EmbeddedChannel server(int maxPacketSize) {
    EmbeddedChannel channel = new EmbeddedChannel(new MqttFrameDecoder(maxPacketSize, true));
    channels.add(channel);
    return channel;
  }

  /** A client connection that has received its CONNACK. */
  private EmbeddedChannel client(int maxPacketSize, ProtocolVersion version) {
    EmbeddedChannel channel = Wire.clientChannel(version, maxPacketSize);
    channels.add(channel);
    return channel;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static Publish publish(int payloadSize) {
    return new Publish(
        "a/b",
        Bytes.wrap(new byte[payloadSize]),
        QoS.AT_LEAST_ONCE,
        false,
        false,
        1,
        MqttProperties.EMPTY);
  }

  @Test
  void packetsSplitAcrossReadsByteByByteAreReassembled() {
    Connect connect = Wire.connect(MQTT_3_1_1);
    Publish publish = publish(300); // a two-byte remaining length
    byte[] stream =
        concat(
            Wire.encode(connect, MQTT_3_1_1),
            Wire.encode(publish, MQTT_3_1_1),
            Wire.encode(PingReq.INSTANCE, MQTT_3_1_1));
    EmbeddedChannel channel = server(1024);

    List<Object> decoded = new ArrayList<>();
    for (byte b : stream) {
      decoded.addAll(Wire.feed(channel, new byte[] {b}));
    }

    assertThat(decoded).containsExactly(connect, publish, PingReq.INSTANCE);
  }

  @Test
  void severalPacketsInOneReadAreAllDecoded() {
    byte[] stream =
        concat(
            Wire.encode(Wire.connect(MQTT_3_1_1), MQTT_3_1_1),
            Wire.encode(new PubAck(1), MQTT_3_1_1),
            Wire.encode(new PubRec(2), MQTT_3_1_1),
            Wire.encode(Disconnect.NORMAL, MQTT_3_1_1));

    assertThat(Wire.feed(server(1024), stream))
        .containsExactly(Wire.connect(MQTT_3_1_1), new PubAck(1), new PubRec(2), Disconnect.NORMAL);
  }

  @Test
  void anOversizePacketIsRefusedFromItsFixedHeaderAlone() {
    EmbeddedChannel channel = server(100);
    Wire.feed(channel, Wire.encode(Wire.connect(MQTT_3_1_1), MQTT_3_1_1));

    // PUBLISH with remaining length 255: 1 + 2 + 255 = 258 bytes; none of the body is sent.
    List<Object> decoded = Wire.feed(channel, Wire.bytes("30 FF 01"));

    assertThat(decoded)
        .containsExactly(
            new DecodeFailure(
                ReasonCode.PACKET_TOO_LARGE,
                "MQTT-3.2.2-15",
                "packet of 258 bytes exceeds the maximum packet size of 100",
                258));
  }

  @Test
  void aClientRefusesAnOversizePacketFromTheServerCitingTheServersRule() {
    List<Object> decoded = Wire.feed(client(10, MQTT_5), Wire.bytes("30 0A"));

    DecodeFailure failure = (DecodeFailure) decoded.get(0);
    assertThat(failure.reasonCode()).isEqualTo(ReasonCode.PACKET_TOO_LARGE);
    assertThat(failure.rule()).isEqualTo("MQTT-3.1.2-24");
    assertThat(failure.packetSize()).isEqualTo(12);
  }

  @Test
  void aPacketOfExactlyTheMaximumSizeIsAccepted() {
    Publish publish = publish(20);
    int size = MqttEncoder.encodedSize(publish, MQTT_3_1_1);

    assertThat(Wire.feed(client(size, MQTT_3_1_1), Wire.encode(publish, MQTT_3_1_1)))
        .containsExactly(publish);
  }

  @Test
  void theMaximumPacketSizeCanBeChangedOnAnOpenConnection() {
    EmbeddedChannel channel = client(1000, MQTT_3_1_1);
    channel.pipeline().get(MqttFrameDecoder.class).setMaxPacketSize(20);

    List<Object> decoded = Wire.feed(channel, Wire.encode(publish(20), MQTT_3_1_1));

    assertThat(decoded).singleElement().isInstanceOf(DecodeFailure.class);
  }

  @Test
  void inputAfterAFailureIsDiscarded() {
    EmbeddedChannel channel = client(1000, MQTT_3_1_1);

    List<Object> first = Wire.feed(channel, Wire.bytes("C0 00 D0 00")); // PINGREQ to a client
    List<Object> later = Wire.feed(channel, Wire.bytes("D0 00 D0 00"));

    assertThat(first).singleElement().isInstanceOf(DecodeFailure.class);
    assertThat(later).isEmpty();
  }

  @Test
  void aFourthRemainingLengthByteWithTheContinuationBitFailsWithoutWaitingForAFifth() {
    List<Object> decoded =
        Wire.feed(client(Integer.MAX_VALUE, MQTT_3_1_1), Wire.bytes("30 FF FF FF FF"));

    assertThat(decoded).singleElement().isInstanceOf(DecodeFailure.class);
    assertThat(((DecodeFailure) decoded.get(0)).rule()).isEqualTo("MQTT-1.5.5-1");
  }

  @Test
  void anIncompleteFixedHeaderOrBodyWaitsForMoreBytes() {
    EmbeddedChannel channel = client(1000, MQTT_3_1_1);

    assertThat(Wire.feed(channel, Wire.bytes("30"))).isEmpty();
    assertThat(Wire.feed(channel, Wire.bytes("80"))).isEmpty();
    assertThat(Wire.feed(channel, Wire.bytes("01 0001 74"))).isEmpty();
    assertThat(Wire.feed(channel, new byte[125]))
        .singleElement()
        .isEqualTo(
            new Publish(
                "t",
                Bytes.wrap(new byte[125]),
                QoS.AT_MOST_ONCE,
                false,
                false,
                0,
                MqttProperties.EMPTY));
  }

  @Test
  void anMqtt31ClientMayResendPubrelWithTheDupBitSet() {
    // MQTT 3.1 put a DUP flag on resent PUBREL, SUBSCRIBE and UNSUBSCRIBE; 3.1.1 reserved it.
    assertThat(Wire.decodeAsServer(ProtocolVersion.MQTT_3_1, Wire.bytes("6A 02 0001")))
        .containsExactly(new PubRel(1));
    assertThat(Wire.decodeAsServer(MQTT_3_1_1, Wire.bytes("6A 02 0001")))
        .singleElement()
        .isInstanceOf(DecodeFailure.class);
  }

  @Test
  void theFirstPacketToAServerMustBeConnect() {
    List<Object> decoded = Wire.feed(server(1000), Wire.encode(new PubAck(1), MQTT_3_1_1));

    DecodeFailure failure = (DecodeFailure) decoded.get(0);
    assertThat(failure.reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    assertThat(failure.rule()).isEqualTo("MQTT-3.1.0-1");
  }

  @Test
  void aServerLearnsTheProtocolVersionFromConnect() {
    EmbeddedChannel channel = server(1000);
    Publish withProperties =
        new Publish(
            "t",
            Bytes.utf8("x"),
            QoS.AT_MOST_ONCE,
            false,
            false,
            0,
            MqttProperties.builder().userProperty("k", "v").build());

    Wire.feed(channel, Wire.encode(Wire.connect(MQTT_5), MQTT_5));
    List<Object> decoded = Wire.feed(channel, Wire.encode(withProperties, MQTT_5));

    assertThat(decoded).containsExactly(withProperties);
    assertThat(channel.pipeline().get(MqttFrameDecoder.class).protocolVersion()).isEqualTo(MQTT_5);
  }

  @Test
  void aSecondConnectIsDecodedAndLeftToTheConnectionToRefuse() {
    byte[] connect = Wire.encode(Wire.connect(MQTT_3_1_1), MQTT_3_1_1);

    assertThat(Wire.feed(server(1000), connect, connect))
        .containsExactly(Wire.connect(MQTT_3_1_1), Wire.connect(MQTT_3_1_1));
  }

  @Test
  void anUnsupportedProtocolLevelIsReportedSoTheServerCanAnswerReturnCode1() {
    List<Object> decoded =
        Wire.feed(server(1000), Wire.bytes("10 0D 0004 4D515454 07 02 003C 0001 61"));

    DecodeFailure failure = (DecodeFailure) decoded.get(0);
    assertThat(failure.reasonCode()).isEqualTo(ReasonCode.UNSUPPORTED_PROTOCOL_VERSION);
    assertThat(failure.reasonCode().toMqtt3ConnectReturnCode()).isEqualTo(1);
  }

  @Test
  void theFirstPacketToAClientMustBeConnAck() {
    List<Object> decoded = Wire.decodeAsClient(MQTT_5, Wire.bytes("D0 00"));
    EmbeddedChannel fresh = new EmbeddedChannel(new MqttFrameDecoder(1000, false));
    channels.add(fresh);

    List<Object> first = Wire.feed(fresh, Wire.bytes("D0 00"));

    assertThat(decoded).containsExactly(PingResp.INSTANCE);
    DecodeFailure failure = (DecodeFailure) first.get(0);
    assertThat(failure.reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    assertThat(failure.rule()).isEqualTo("MQTT-3.2.0-1");
  }

  @Test
  void anMqtt5ClientReadsAnMqtt3RefusalOfItsProtocolLevel() {
    assertThat(Wire.decodeAsClient(MQTT_5, Wire.bytes("20 02 00 01")))
        .containsExactly(
            new ConnAck(false, ReasonCode.UNSUPPORTED_PROTOCOL_VERSION, MqttProperties.EMPTY));
  }

  @Test
  void aCustomWildcardSyntaxMakesPlusAndHashOrdinaryInTopicNames() {
    MqttFrameDecoder decoder = new MqttFrameDecoder(1000, false, new WildcardSyntax('.', '*', '>'));
    decoder.setProtocolVersion(MQTT_3_1_1);
    EmbeddedChannel channel = new EmbeddedChannel(decoder);
    channels.add(channel);
    Wire.feed(channel, Wire.bytes("20 02 00 00"));

    List<Object> plus = Wire.feed(channel, Wire.bytes("30 05 0003 612B23"));
    List<Object> star = Wire.feed(channel, Wire.bytes("30 05 0003 612E2A"));

    assertThat(plus)
        .containsExactly(
            new Publish(
                "a+#", Bytes.EMPTY, QoS.AT_MOST_ONCE, false, false, 0, MqttProperties.EMPTY));
    assertThat(star).singleElement().isInstanceOf(DecodeFailure.class);
  }

  @Test
  void decodedPayloadsDoNotShareMemoryWithTheInputBuffer() {
    Publish publish =
        new Publish(
            "t", Bytes.utf8("payload"), QoS.AT_MOST_ONCE, false, false, 0, MqttProperties.EMPTY);
    Connect connect =
        new Connect(
            MQTT_3_1_1,
            "c",
            true,
            0,
            Optional.of("u"),
            Optional.of(Bytes.utf8("secret")),
            Optional.empty(),
            MqttProperties.EMPTY);
    EmbeddedChannel channel = server(1000);

    List<Object> decoded =
        Wire.feed(
            channel, concat(Wire.encode(connect, MQTT_3_1_1), Wire.encode(publish, MQTT_3_1_1)));

    // The input buffers were released by the decoder (leak detection is paranoid in tests), yet the
    // decoded bytes are still intact: they were copied out.
    assertThat(decoded).containsExactly(connect, publish);
    assertThat(((Publish) decoded.get(1)).payload().toUtf8String()).isEqualTo("payload");
  }
}
