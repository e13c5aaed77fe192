package io.petrel.it;

import io.petrel.codec.Connect;
import io.petrel.codec.MqttEncoder;
import io.petrel.codec.MqttPacket;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.ProtocolVersion;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * MQTT 5 packets as bytes for raw-socket tests, encoded by our codec (whose encodings the codec
 * tests check byte by byte against the specification), so that a test can send exactly the packet a
 * rule is about.
 */
public final class V5Bytes {
  private V5Bytes() {}

  public static byte[] encode(MqttPacket packet) {
    return MqttEncoder.encodeToArray(packet, ProtocolVersion.MQTT_5);
  }

  /** CONNECT with clean start, keep-alive 60 and the given properties. */
  public static byte[] connect(String clientId, MqttProperties properties) {
    return encode(
        new Connect(
            ProtocolVersion.MQTT_5,
            clientId,
            true,
            60,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            properties));
  }

  /** Opens a raw connection, sends CONNECT and reads the CONNACK, which must be a success. */
  public static RawMqttClient connected(int port, String clientId, MqttProperties properties) {
    RawMqttClient client = RawMqttClient.open(port);
    client.send(connect(clientId, properties));
    RawPacket connAck = client.read();
    if (connAck.type() != MqttBytes.CONNACK || connAck.body()[1] != 0) {
      throw new AssertionError("expected a successful CONNACK, got " + connAck.hex());
    }
    return client;
  }

  /** The payload of an MQTT 5 PUBLISH read off the wire: after its properties. */
  public static String payload(RawPacket publish) {
    byte[] body = publish.body();
    int at = 2 + (((body[0] & 0xFF) << 8) | (body[1] & 0xFF)) + (publish.qos() > 0 ? 2 : 0);
    int length = 0;
    int shift = 0;
    int digit;
    do {
      digit = body[at++] & 0xFF;
      length |= (digit & 0x7F) << shift;
      shift += 7;
    } while ((digit & 0x80) != 0);
    at += length;
    return new String(body, at, body.length - at, StandardCharsets.UTF_8);
  }

  /** The reason code of a DISCONNECT read off the wire (0 when the packet has no body). */
  public static int disconnectReason(RawPacket packet) {
    if (packet.type() != MqttBytes.DISCONNECT) {
      throw new AssertionError("expected DISCONNECT, got " + packet.hex());
    }
    return packet.body().length == 0 ? 0 : packet.body()[0] & 0xFF;
  }
}
