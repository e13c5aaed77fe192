package io.petrel.codec;

import java.util.Map;

/**
 * MQTT 5 is the one model, so decoders cite MQTT 5.0 rule ids. Where MQTT 3.1.1 numbers the same
 * rule differently, a failure on a 3.1 or 3.1.1 connection is re-labelled with the 3.1.1 id, so
 * that a log line points into the spec the client actually speaks. (MQTT 3.1 has no rule ids; 3.1.1
 * is its closest successor.)
 */
final class SpecRules {
  private static final Map<String, String> MQTT_5_TO_3_1_1 =
      Map.ofEntries(
          Map.entry("MQTT-1.5.4-1", "MQTT-1.5.3-1"), // ill-formed UTF-8
          Map.entry("MQTT-1.5.4-2", "MQTT-1.5.3-2"), // U+0000
          Map.entry("MQTT-2.1.2", "MQTT-2.2.1"), // packet type (section)
          Map.entry("MQTT-2.1.3-1", "MQTT-2.2.2-1"), // reserved fixed-header flags
          Map.entry("MQTT-2.1.4", "MQTT-2.2.3"), // remaining length (section)
          Map.entry("MQTT-2.2.1-3", "MQTT-2.3.1-1"), // non-zero packet identifier
          Map.entry("MQTT-2.2.1-4", "MQTT-2.3.1-1"),
          Map.entry("MQTT-3.1.2-11", "MQTT-3.1.2-13"), // will flag 0 needs will QoS 0
          Map.entry("MQTT-3.1.2-12", "MQTT-3.1.2-14"), // will QoS 3
          Map.entry("MQTT-3.1.2-13", "MQTT-3.1.2-15"), // will flag 0 needs will retain 0
          Map.entry("MQTT-3.2.2-6", "MQTT-3.2.2-4"), // session present with a refusal
          Map.entry("MQTT-3.8.3-2", "MQTT-3.8.3-3"), // SUBSCRIBE without topic filters
          // The 3.1.1 text prints this id as "MQTT-3-8.3-4"; it is the reserved-bits rule.
          Map.entry("MQTT-3.8.3-5", "MQTT-3.8.3-4"));

  private SpecRules() {}

  /** The failure with its rule id as the given version numbers it. */
  static MalformedPacketException forVersion(MalformedPacketException e, ProtocolVersion version) {
    if (version.isMqtt5()) {
      return e;
    }
    String rule = MQTT_5_TO_3_1_1.get(e.rule());
    return rule == null ? e : new MalformedPacketException(e.reasonCode(), rule, e.getMessage());
  }
}
