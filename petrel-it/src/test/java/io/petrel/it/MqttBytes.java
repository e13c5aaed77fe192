package io.petrel.it;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * MQTT 3.1.1 packets encoded by hand, independently of the broker's codec, so that a codec bug
 * cannot hide itself in both directions.
 */
public final class MqttBytes {
  public static final int CONNECT = 0x10;
  public static final int CONNACK = 0x20;
  public static final int PUBLISH = 0x30;
  public static final int PUBACK = 0x40;
  public static final int PUBREC = 0x50;
  public static final int PUBREL = 0x60;
  public static final int PUBCOMP = 0x70;
  public static final int SUBSCRIBE = 0x80;
  public static final int SUBACK = 0x90;
  public static final int UNSUBSCRIBE = 0xA0;
  public static final int UNSUBACK = 0xB0;
  public static final int PINGREQ = 0xC0;
  public static final int PINGRESP = 0xD0;
  public static final int DISCONNECT = 0xE0;

  private MqttBytes() {}

  /** A will for {@link Connect#will}. */
  public record Will(String topic, byte[] message, int qos, boolean retain) {}

  /** Builds a CONNECT; starts as MQTT 3.1.1, clean session, keep-alive 60 s, no will. */
  public static Connect connect(String clientId) {
    return new Connect(clientId);
  }

  /** A CONNECT under construction. */
  public static final class Connect {
    private final String clientId;
    private String protocolName = "MQTT";
    private int protocolLevel = 4;
    private boolean cleanSession = true;
    private int keepAliveSeconds = 60;
    private Will will;
    private String username;
    private String password;

    private Connect(String clientId) {
      this.clientId = clientId;
    }

    /** MQTT 3.1: protocol name {@code MQIsdp}, level 3. */
    public Connect mqtt31() {
      protocolName = "MQIsdp";
      protocolLevel = 3;
      return this;
    }

    public Connect protocolLevel(int level) {
      protocolLevel = level;
      return this;
    }

    public Connect cleanSession(boolean value) {
      cleanSession = value;
      return this;
    }

    public Connect keepAlive(int seconds) {
      keepAliveSeconds = seconds;
      return this;
    }

    public Connect will(String topic, String message, int qos, boolean retain) {
      will = new Will(topic, message.getBytes(StandardCharsets.UTF_8), qos, retain);
      return this;
    }

    public Connect username(String value) {
      username = value;
      return this;
    }

    public Connect password(String value) {
      password = value;
      return this;
    }

    public byte[] bytes() {
      Body body = new Body();
      body.string(protocolName);
      body.u8(protocolLevel);
      int flags = cleanSession ? 0x02 : 0;
      if (will != null) {
        flags |= 0x04 | (will.qos() << 3) | (will.retain() ? 0x20 : 0);
      }
      flags |= (username != null ? 0x80 : 0) | (password != null ? 0x40 : 0);
      body.u8(flags);
      body.u16(keepAliveSeconds);
      body.string(clientId);
      if (will != null) {
        body.string(will.topic());
        body.binary(will.message());
      }
      if (username != null) {
        body.string(username);
      }
      if (password != null) {
        body.string(password);
      }
      return packet(CONNECT, body);
    }
  }

  public static byte[] publish(String topic, String payload, int qos, int packetId) {
    return publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, false, false, packetId);
  }

  /** A PUBLISH; {@code packetId} is left out at QoS 0. */
  public static byte[] publish(
      String topic, byte[] payload, int qos, boolean retain, boolean dup, int packetId) {
    Body body = new Body();
    body.string(topic);
    if (qos > 0) {
      body.u16(packetId);
    }
    body.raw(payload);
    int flags = (dup ? 0x08 : 0) | (qos << 1) | (retain ? 0x01 : 0);
    return packet(PUBLISH | flags, body);
  }

  /** A SUBSCRIBE; {@code filtersAndQos} alternates filter and requested QoS. */
  public static byte[] subscribe(int packetId, Object... filtersAndQos) {
    Body body = new Body();
    body.u16(packetId);
    for (int i = 0; i < filtersAndQos.length; i += 2) {
      body.string((String) filtersAndQos[i]);
      body.u8((Integer) filtersAndQos[i + 1]);
    }
    return packet(SUBSCRIBE | 0x02, body); // reserved flags 0010 [MQTT-3.8.1-1]
  }

  public static byte[] unsubscribe(int packetId, String... filters) {
    Body body = new Body();
    body.u16(packetId);
    for (String filter : filters) {
      body.string(filter);
    }
    return packet(UNSUBSCRIBE | 0x02, body); // reserved flags 0010 [MQTT-3.10.1-1]
  }

  public static byte[] puback(int packetId) {
    return ack(PUBACK, packetId);
  }

  public static byte[] pubrec(int packetId) {
    return ack(PUBREC, packetId);
  }

  public static byte[] pubrel(int packetId) {
    return ack(PUBREL | 0x02, packetId); // reserved flags 0010 [MQTT-3.6.1-1]
  }

  public static byte[] pubcomp(int packetId) {
    return ack(PUBCOMP, packetId);
  }

  public static byte[] pingreq() {
    return new byte[] {(byte) PINGREQ, 0};
  }

  public static byte[] disconnect() {
    return new byte[] {(byte) DISCONNECT, 0};
  }

  /** The bytes of a two-byte acknowledgement such as {@code 50 02 00 07}. */
  public static byte[] ack(int header, int packetId) {
    return new byte[] {(byte) header, 2, (byte) (packetId >> 8), (byte) packetId};
  }

  private static byte[] packet(int header, Body body) {
    byte[] content = body.out.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(header);
    int length = content.length;
    do {
      int digit = length % 128;
      length /= 128;
      out.write(length > 0 ? digit | 0x80 : digit);
    } while (length > 0);
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static final class Body {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    void u8(int value) {
      out.write(value);
    }

    void u16(int value) {
      out.write(value >> 8);
      out.write(value);
    }

    void string(String value) {
      binary(value.getBytes(StandardCharsets.UTF_8));
    }

    void binary(byte[] value) {
      u16(value.length);
      out.writeBytes(value);
    }

    void raw(byte[] value) {
      out.writeBytes(value);
    }
  }
}
