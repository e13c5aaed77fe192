package io.petrel.broker.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Mosquitto's listener keys: each {@code listener <port> [address]} line opens a section that
 * {@code protocol} applies to; {@code port} and {@code bind_address} describe the default listener,
 * which Mosquitto adds after the sections when either is set.
 */
final class ListenerSections {
  static final String ALL_INTERFACES = "0.0.0.0";
  private static final String LISTENER_USAGE = "use listener <port> [bind address]";

  private final List<Section> sections = new ArrayList<>();
  private final Section defaultListener = new Section();
  private Section current = defaultListener;

  void listener(Origin origin, String value) throws ConfigException {
    String[] parts = value.isEmpty() ? new String[0] : value.split("\\s+");
    if (parts.length == 0) {
      throw origin.error("listener", "a port is needed; " + LISTENER_USAGE);
    }
    if (parts.length > 2) {
      throw origin.error("listener", "too many values; " + LISTENER_USAGE);
    }
    Section section = new Section();
    section.port = Optional.of(port(origin, "listener", parts[0]));
    section.portOrigin = Optional.of(origin);
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
    requireUnset(origin, "port", defaultListener.portOrigin);
    defaultListener.port = Optional.of(port(origin, "port", value));
    defaultListener.portOrigin = Optional.of(origin);
  }

  void bindAddress(Origin origin, String value) throws ConfigException {
    requireUnset(origin, "bind_address", defaultListener.addressOrigin);
    defaultListener.address = Optional.of(address(origin, "bind_address", value));
    defaultListener.addressOrigin = Optional.of(origin);
  }

  void protocol(Origin origin, String value) throws ConfigException {
    requireUnset(origin, "protocol", current.protocolOrigin);
    current.protocolOrigin = Optional.of(origin);
    current.protocol =
        switch (value) {
          case "mqtt" -> ListenerProtocol.MQTT;
          case "websockets" ->
              // The transport speaks plain MQTT over TCP only so far.
              throw origin.error("protocol", "websockets is not supported yet by Petrel; use mqtt");
          default ->
              throw origin.error(
                  "protocol", Values.quote(value) + " is not allowed; use mqtt or websockets");
        };
  }

  /** The listeners the file defines, sections first, then the default listener; maybe none. */
  List<ListenerConfig> build() throws ConfigException {
    List<ListenerConfig> listeners = new ArrayList<>();
    for (Section section : sections) {
      listeners.add(section.toConfig());
    }
    if (defaultListener.isUsed()) {
      Optional<Origin> clash = clash(defaultListener);
      if (clash.isPresent()) {
        Origin origin = defaultListener.portOrigin.or(() -> defaultListener.addressOrigin).get();
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

  private Optional<Origin> clash(Section candidate) {
    if (candidate.portNumber() == 0) {
      return Optional.empty(); // each port 0 listener gets its own ephemeral port
    }
    return sections.stream()
        .filter(s -> s != candidate && s.portNumber() == candidate.portNumber())
        .filter(s -> s.addressText().equals(candidate.addressText()))
        .findFirst()
        .flatMap(s -> s.portOrigin);
  }

  private static void requireUnset(Origin origin, String key, Optional<Origin> setAt)
      throws ConfigException {
    if (setAt.isPresent()) {
      throw origin.error(key, "already set at " + setAt.get().describe());
    }
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

  private static final class Section {
    Optional<Integer> port = Optional.empty();
    Optional<Origin> portOrigin = Optional.empty();
    Optional<String> address = Optional.empty();
    Optional<Origin> addressOrigin = Optional.empty();
    ListenerProtocol protocol = ListenerProtocol.MQTT;
    Optional<Origin> protocolOrigin = Optional.empty();

    boolean isUsed() {
      return port.isPresent() || address.isPresent();
    }

    int portNumber() {
      return port.orElse(BrokerConfig.DEFAULT_PORT);
    }

    // Mosquitto 2: a listener without an address binds every interface.
    String addressText() {
      return address.orElse(ALL_INTERFACES);
    }

    String describe() {
      return addressText() + ":" + portNumber();
    }

    ListenerConfig toConfig() {
      return new ListenerConfig(addressText(), portNumber(), protocol);
    }
  }
}
