package io.petrel.cli.client;

import io.petrel.codec.ProtocolVersion;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A stored connection profile. The password and the key password stay encrypted here (the text
 * stored in the file); {@link ProfileStore#decrypt} opens them when a command needs them.
 */
record Profile(
    String name,
    String host,
    OptionalInt port,
    boolean tls,
    Optional<String> webSocketPath,
    Optional<String> username,
    Optional<String> encryptedPassword,
    Optional<ProtocolVersion> version,
    Optional<Path> caFile,
    Optional<Path> cert,
    Optional<Path> key,
    Optional<String> encryptedKeyPassword,
    boolean insecure) {

  /** Letters, digits, {@code . _ -}: safe as a properties key and on a command line. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  Profile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(host, "host");
  }

  static void checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw CliFailure.usage(
          "bad profile name \""
              + name
              + "\": use letters, digits, '.', '_' and '-' (at most 64, starting with a letter or"
              + " digit)");
    }
  }

  /** The port connected to: the given one or the scheme's default. */
  int effectivePort() {
    return port.isPresent() ? port.getAsInt() : MqttUrl.defaultPort(tls, webSocketPath.isPresent());
  }

  String url() {
    return MqttUrl.format(host, effectivePort(), tls, webSocketPath);
  }
}
