package io.petrel.cli.client;

import io.petrel.codec.ProtocolVersion;
import java.util.Locale;
import picocli.CommandLine;

/** {@code -V}: Mosquitto's names for the protocol versions, and the numbers. */
final class VersionConverter implements CommandLine.ITypeConverter<ProtocolVersion> {
  @Override
  public ProtocolVersion convert(String value) {
    return parse(value)
        .orElseThrow(
            () ->
                new CommandLine.TypeConversionException(
                    "'" + value + "' is not mqttv31, mqttv311 or mqttv5"));
  }

  static java.util.Optional<ProtocolVersion> parse(String value) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "mqttv31", "31", "3.1", "3":
        return java.util.Optional.of(ProtocolVersion.MQTT_3_1);
      case "mqttv311", "311", "3.1.1", "4":
        return java.util.Optional.of(ProtocolVersion.MQTT_3_1_1);
      case "mqttv5", "5", "5.0":
        return java.util.Optional.of(ProtocolVersion.MQTT_5);
      default:
        return java.util.Optional.empty();
    }
  }

  /** The name {@code -V} takes, as profiles store it. */
  static String name(ProtocolVersion version) {
    switch (version) {
      case MQTT_3_1:
        return "mqttv31";
      case MQTT_3_1_1:
        return "mqttv311";
      default:
        return "mqttv5";
    }
  }
}
