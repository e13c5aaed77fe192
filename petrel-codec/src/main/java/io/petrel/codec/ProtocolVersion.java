package io.petrel.codec;

import java.util.Optional;

/** The MQTT protocol versions Petrel speaks, with their protocol name and level on the wire. */
public enum ProtocolVersion {
  /** MQTT 3.1: protocol name {@code MQIsdp}, level 3. */
  MQTT_3_1("MQIsdp", 3),
  /** MQTT 3.1.1 (OASIS): protocol name {@code MQTT}, level 4. */
  MQTT_3_1_1("MQTT", 4),
  /** MQTT 5.0 (OASIS): protocol name {@code MQTT}, level 5. */
  MQTT_5("MQTT", 5);

  private final String protocolName;
  private final int level;

  ProtocolVersion(String protocolName, int level) {
    this.protocolName = protocolName;
    this.level = level;
  }

  public String protocolName() {
    return protocolName;
  }

  public int level() {
    return level;
  }

  /** True for MQTT 5, the only version with properties and reason codes on every ack. */
  public boolean isMqtt5() {
    return this == MQTT_5;
  }

  /** The version for a CONNECT's protocol name and level, if the pair is one we know. */
  public static Optional<ProtocolVersion> of(String protocolName, int level) {
    for (ProtocolVersion v : values()) {
      if (v.level == level && v.protocolName.equals(protocolName)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return switch (this) {
      case MQTT_3_1 -> "3.1";
      case MQTT_3_1_1 -> "3.1.1";
      case MQTT_5 -> "5.0";
    };
  }
}
