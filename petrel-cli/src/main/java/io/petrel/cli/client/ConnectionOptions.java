package io.petrel.cli.client;

import io.petrel.codec.ProtocolVersion;
import picocli.CommandLine.Option;

/**
 * Where and how to connect: the flags {@code petrel pub}, {@code petrel sub} and {@code petrel
 * profile add} share, with Mosquitto's names: the broker's address, TLS and credentials ({@link
 * EndpointOptions}, which {@code petrel bench} shares too), then the protocol version. A field left
 * null was not given, so that a profile's value shows through.
 */
public final class ConnectionOptions extends EndpointOptions {
  @Option(
      names = {"-V", "--protocol-version"},
      paramLabel = "VERSION",
      converter = VersionConverter.class,
      description = "mqttv5 (default) or mqttv311; mqttv31 is not supported by the client.")
  ProtocolVersion version;
}
