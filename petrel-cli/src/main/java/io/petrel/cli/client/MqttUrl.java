package io.petrel.cli.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A broker address as a URL: {@code mqtt://host:port}, {@code mqtts://}, {@code
 * ws://host:port/path} or {@code wss://}, with an optional {@code user:password@}. One flag sets
 * host, port, TLS and WebSocket at once; without a port the scheme's default applies (1883, 8883,
 * 80, 443).
 */
record MqttUrl(
    String host,
    OptionalInt port,
    boolean tls,
    Optional<String> webSocketPath,
    Optional<String> username,
    Optional<String> password) {

  /** The WebSocket path when the URL has none: Petrel's and most brokers' default. */
  static final String DEFAULT_WEBSOCKET_PATH = "/mqtt";

  static MqttUrl parse(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw bad(text, e.getReason());
    }
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw bad(text, "expected scheme://host[:port][/path]");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    boolean tls;
    boolean webSocket;
    switch (scheme) {
      case "mqtt", "tcp" -> {
        tls = false;
        webSocket = false;
      }
      case "mqtts", "ssl", "tls" -> {
        tls = true;
        webSocket = false;
      }
      case "ws" -> {
        tls = false;
        webSocket = true;
      }
      case "wss" -> {
        tls = true;
        webSocket = true;
      }
      default -> throw bad(text, "the scheme must be mqtt, mqtts, ws or wss");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (!webSocket && !path.isEmpty() && !path.equals("/")) {
      throw bad(text, "only ws:// and wss:// URLs have a path");
    }
    Optional<String> webSocketPath =
        webSocket ? Optional.of(path.isEmpty() ? DEFAULT_WEBSOCKET_PATH : path) : Optional.empty();
    Optional<String> user = Optional.empty();
    Optional<String> password = Optional.empty();
    if (uri.getRawUserInfo() != null) {
      String info = uri.getRawUserInfo();
      int colon = info.indexOf(':');
      user = Optional.of(decode(colon < 0 ? info : info.substring(0, colon)));
      if (colon >= 0) {
        password = Optional.of(decode(info.substring(colon + 1)));
      }
    }
    OptionalInt port = uri.getPort() < 0 ? OptionalInt.empty() : OptionalInt.of(uri.getPort());
    return new MqttUrl(uri.getHost(), port, tls, webSocketPath, user, password);
  }

  /** The port of a URL without one: 1883, 8883, 80 or 443. */
  static int defaultPort(boolean tls, boolean webSocket) {
    if (webSocket) {
      return tls ? 443 : 80;
    }
    return tls ? 8883 : 1883;
  }

  /** The URL of these settings, without credentials, for people to read. */
  static String format(String host, int port, boolean tls, Optional<String> webSocketPath) {
    String scheme = webSocketPath.isPresent() ? (tls ? "wss" : "ws") : (tls ? "mqtts" : "mqtt");
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return scheme + "://" + h + ":" + port + webSocketPath.orElse("");
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static CliFailure bad(String text, String why) {
    return CliFailure.usage("--url " + text + ": " + why);
  }
}
