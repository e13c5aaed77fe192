package io.petrel.broker.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Mosquitto's listener keys: each {@code listener <port> [address]} line opens a section that the
 * per-listener keys after it ({@code protocol}, the TLS keys, the limits) apply to; {@code port}
 * and {@code bind_address} describe the default listener, which Mosquitto adds after the sections
 * when any of its keys is set, and which per-listener keys before the first {@code listener} line
 * apply to.
 */
final class ListenerSections {
  static final String ALL_INTERFACES = "0.0.0.0";
  private static final String LISTENER_USAGE = "use listener <port> [bind address]";

  private final List<ListenerSection> sections = new ArrayList<>();
  private final ListenerSection defaultListener = new ListenerSection();
  private ListenerSection current = defaultListener;

  void listener(Origin origin, String value) throws ConfigException {
    String[] parts = value.isEmpty() ? new String[0] : value.split("\\s+");
    if (parts.length == 0) {
      throw origin.error("listener", "a port is needed; " + LISTENER_USAGE);
    }
    if (parts.length > 2) {
      throw origin.error("listener", "too many values; " + LISTENER_USAGE);
    }
    ListenerSection section = new ListenerSection();
    section.port = Optional.of(port(origin, "listener", parts[0]));
    section.markSet(origin, "listener");
    if (parts.length == 2) {
      section.address = Optional.of(address(origin, "listener", parts[1]));
    }
    Optional<Origin> clash = clash(section);
    if (clash.isPresent()) {
      throw origin.error(
          "listener", section.describe() + " is already defined at " + clash.get().describe());
    }
    sections.add(section);
    current = section;
  }

  /** Mosquitto's deprecated default listener port. */
  void port(Origin origin, String value) throws ConfigException {
    defaultListener.markSet(origin, "port");
    defaultListener.port = Optional.of(port(origin, "port", value));
  }

  void bindAddress(Origin origin, String value) throws ConfigException {
    defaultListener.markSet(origin, "bind_address");
    defaultListener.address = Optional.of(address(origin, "bind_address", value));
  }

  /** Whether a {@code listener} line has been read, so that per-listener keys have a listener. */
  boolean inListener() {
    return current != defaultListener;
  }

  /** A per-listener key such as {@code protocol} or {@code certfile}: for the current listener. */
  void option(Origin origin, String key, String value) throws ConfigException {
    current.option(origin, key, value);
  }

  /** The listeners the file defines, sections first, then the default listener; maybe none. */
  List<ListenerConfig> build() throws ConfigException {
    List<ListenerConfig> listeners = new ArrayList<>();
    for (ListenerSection section : sections) {
      listeners.add(section.toConfig());
    }
    if (defaultListener.isUsed()) {
      Optional<Origin> clash = clash(defaultListener);
      if (clash.isPresent()) {
        Origin origin =
            defaultListener.origin("port").or(() -> defaultListener.origin("bind_address")).get();
        throw origin.error(
            "default listener "
                + defaultListener.describe()
                + " is already defined at "
                + clash.get().describe());
      }
      listeners.add(defaultListener.toConfig());
    }
    return listeners;
  }

  private Optional<Origin> clash(ListenerSection candidate) {
    if (candidate.portNumber() == 0) {
      return Optional.empty(); // each port 0 listener gets its own ephemeral port
    }
    return sections.stream()
        .filter(s -> s != candidate && s.portNumber() == candidate.portNumber())
        .filter(s -> s.addressText().equals(candidate.addressText()))
        .findFirst()
        .flatMap(s -> s.origin("listener"));
  }

  private static int port(Origin origin, String key, String value) throws ConfigException {
    try {
      return Values.integer(value, 0, 65535);
    } catch (BadValueException e) {
      throw origin.error(key, e.getMessage());
    }
  }

  private static String address(Origin origin, String key, String value) throws ConfigException {
    if (value.isEmpty()) {
      throw origin.error(key, "an address or host name is needed");
    }
    if (value.contains(" ") || value.contains("\t")) {
      throw origin.error(key, Values.quote(value) + " is not one address or host name");
    }
    if (value.startsWith("/")) {
      throw origin.error(key, "unix sockets are not supported yet by Petrel");
    }
    return value;
  }
}
