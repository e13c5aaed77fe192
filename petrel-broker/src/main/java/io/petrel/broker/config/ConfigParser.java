package io.petrel.broker.config;

import io.petrel.codec.WildcardSyntax;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects settings from config lines, then environment overrides, and builds the config. Nothing
 * is ignored: every line is a supported key, a key Petrel does not support yet, or an error.
 */
final class ConfigParser {
  private final GlobalSettings settings = new GlobalSettings();
  private final ListenerSections listeners = new ListenerSections();
  private boolean perListenerSettings;
  // In the order set, so a clash between wildcard characters blames the later key.
  private final Map<GlobalKey, Origin> setAt = new LinkedHashMap<>();

  /** One line of a Mosquitto-style file: {@code key value}, a {@code #} comment or blank. */
  void line(Origin.Line origin, String line) throws ConfigException {
    String text = line.strip();
    if (text.isEmpty() || text.startsWith("#")) {
      return;
    }
    int end = 0;
    while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
      end++;
    }
    String key = text.substring(0, end);
    String value = text.substring(end).strip();
    Optional<GlobalKey> global = GlobalKey.named(key);
    if (key.equals("allow_anonymous") && perListenerSettings && listeners.inListener()) {
      // Mosquitto's per_listener_settings: the listener above the line gets its own setting.
      listenerKey(origin, key, value);
      return;
    }
    if (key.equals("per_listener_settings")) {
      if (listeners.inListener()) {
        throw origin.error(key, "must come before the first listener line, as it changes them");
      }
      try {
        perListenerSettings = Values.bool(value);
      } catch (BadValueException e) {
        throw origin.error(key, e.getMessage());
      }
      return;
    }
    if (global.isPresent()) {
      Origin earlier = setAt.get(global.get());
      if (earlier != null) {
        throw origin.error(key, "already set at " + earlier.describe());
      }
      set(global.get(), origin, value);
    } else if (MosquittoKeys.LISTENER.contains(key)) {
      listenerKey(origin, key, value);
    } else if (MosquittoKeys.isNotSupported(key)) {
      throw origin.error(key, "not supported yet by Petrel");
    } else {
      String hint =
          KeySuggestion.nearest(key, MosquittoKeys.known())
              .map(k -> " (did you mean " + k + "?)")
              .orElse("");
      throw origin.error("unknown key " + Values.quote(key) + hint);
    }
  }

  /** An environment override of a global key; it wins over the file. */
  void override(GlobalKey key, Origin.EnvVariable origin, String value) throws ConfigException {
    setAt.remove(key);
    set(key, origin, value.strip());
  }

  BrokerConfig build() throws ConfigException {
    List<ListenerConfig> defined = listeners.build();
    // Mosquitto 2: without listeners the broker is local only and lets anyone in; once the
    // file opens listeners or names a password file, clients must authenticate unless
    // allow_anonymous says otherwise.
    List<ListenerConfig> effective =
        defined.isEmpty() ? List.of(ListenerConfig.loopback(BrokerConfig.DEFAULT_PORT)) : defined;
    if (setAt.containsKey(GlobalKey.CLIENT_CLASSES)
        && settings.builder.build().clientClasses()
        && !setAt.containsKey(GlobalKey.CLIENT_CLASS_ORG)) {
      // Watson IoT gives each organisation its own endpoint; topics carry no organisation, so
      // one broker serves one organisation, or applications would see other organisations.
      throw setAt
          .get(GlobalKey.CLIENT_CLASSES)
          .error(
              "client_classes",
              "set client_class_org too: one broker serves one organisation's devices,"
                  + " applications and gateways");
    }
    return settings
        .builder
        .listeners(effective)
        .allowAnonymous(
            settings.allowAnonymous.orElse(
                defined.isEmpty() && settings.builder.passwordFile().isEmpty()))
        .wildcardSyntax(wildcardSyntax())
        .build();
  }

  private void set(GlobalKey key, Origin origin, String value) throws ConfigException {
    if (value.isEmpty()) {
      throw origin.error(key.key(), "a value is needed");
    }
    try {
      key.apply(settings, value);
    } catch (BadValueException e) {
      throw origin.error(key.key(), e.getMessage());
    }
    setAt.put(key, origin);
  }

  private void listenerKey(Origin origin, String key, String value) throws ConfigException {
    if (value.isEmpty()) {
      throw origin.error(key, "a value is needed");
    }
    switch (key) {
      case "listener" -> listeners.listener(origin, value);
      case "port" -> listeners.port(origin, value);
      case "bind_address" -> listeners.bindAddress(origin, value);
      default -> listeners.option(origin, key, value);
    }
  }

  private WildcardSyntax wildcardSyntax() throws ConfigException {
    checkDifferent(
        GlobalKey.TOPIC_SEPARATOR,
        settings.separator,
        GlobalKey.SINGLE_LEVEL_WILDCARD,
        settings.singleLevel);
    checkDifferent(
        GlobalKey.TOPIC_SEPARATOR,
        settings.separator,
        GlobalKey.MULTI_LEVEL_WILDCARD,
        settings.multiLevel);
    checkDifferent(
        GlobalKey.SINGLE_LEVEL_WILDCARD,
        settings.singleLevel,
        GlobalKey.MULTI_LEVEL_WILDCARD,
        settings.multiLevel);
    return new WildcardSyntax(settings.separator, settings.singleLevel, settings.multiLevel);
  }

  private void checkDifferent(GlobalKey a, char aValue, GlobalKey b, char bValue)
      throws ConfigException {
    if (aValue != bValue) {
      return;
    }
    // The defaults differ, so at least one of the two was set; blame the one set last.
    List<GlobalKey> order = new ArrayList<>(setAt.keySet());
    GlobalKey blamed = order.indexOf(a) > order.indexOf(b) ? a : b;
    GlobalKey other = blamed == a ? b : a;
    throw setAt
        .get(blamed)
        .error(
            blamed.key(),
            Values.quote(String.valueOf(aValue))
                + " is also the "
                + other.key()
                + "; topic_separator, single_level_wildcard and multi_level_wildcard must be"
                + " three different characters");
  }
}
