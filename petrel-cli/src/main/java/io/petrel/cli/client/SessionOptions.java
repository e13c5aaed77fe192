package io.petrel.cli.client;

import picocli.CommandLine.Option;

/** The flags of {@code petrel pub} and {@code petrel sub} that a profile does not hold. */
public final class SessionOptions {
  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description =
          "Connection settings from a profile (petrel profile add); flags given as well replace"
              + " the profile's value for that setting.")
  String profile;

  @Option(
      names = {"-i", "--id"},
      paramLabel = "ID",
      description = "Client id (default a random petrel- id).")
  String clientId;

  @Option(
      names = {"-k", "--keepalive"},
      paramLabel = "SECONDS",
      description = "Keep-alive interval, 0 to 65535 (default ${DEFAULT-VALUE}).")
  int keepAlive = 60;

  @Option(
      names = {"-c", "--disable-clean-session"},
      description =
          "Persistent session: the broker keeps the subscriptions and queues messages while"
              + " disconnected. Needs -i. With MQTT 5 the session never expires unless -x is"
              + " given.")
  boolean persistent;

  @Option(
      names = {"-x", "--session-expiry"},
      paramLabel = "SECONDS",
      description = "MQTT 5 session expiry interval (default 0; with -c, never).")
  Long sessionExpiry;

  @Option(
      names = {"-d", "--debug"},
      description = "Show connection events, and stack traces with errors.")
  boolean debug;

  void check() {
    if (keepAlive < 0 || keepAlive > 65535) {
      throw CliFailure.usage("-k must be 0 to 65535: " + keepAlive);
    }
    if (persistent && (clientId == null || clientId.isEmpty())) {
      throw CliFailure.usage("-c needs a client id (-i) to find the session again");
    }
    if (sessionExpiry != null && (sessionExpiry < 0 || sessionExpiry > 0xFFFF_FFFFL)) {
      throw CliFailure.usage("-x must be 0 to 4294967295: " + sessionExpiry);
    }
  }
}
