package io.petrel.broker.config;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a config file in Mosquitto's {@code mosquitto.conf} format, then applies environment
 * overrides: {@code PETREL_<KEY>} (e.g. {@code PETREL_MAX_PACKET_SIZE=2048}) replaces the global
 * key {@code <key>}. See {@code config/petrel.conf} for every key.
 */
public final class ConfigLoader {
  public static final String ENV_PREFIX = "PETREL_";

  // PETREL_ variables that configure something else than the broker: the launcher's JVM options.
  private static final Set<String> NOT_CONFIG_VARIABLES = Set.of("PETREL_JAVA_OPTS");

  private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

  private ConfigLoader() {}

  /** Loads {@code file} with no environment overrides. */
  public static BrokerConfig load(Path file) throws ConfigException {
    return load(file, Map.of());
  }

  /**
   * Loads {@code file}, then applies the {@code PETREL_*} overrides in {@code env} (usually {@link
   * System#getenv()}).
   */
  public static BrokerConfig load(Path file, Map<String, String> env) throws ConfigException {
    List<String> lines = read(file);
    ConfigParser parser = new ConfigParser();
    for (int i = 0; i < lines.size(); i++) {
      parser.line(new Origin.Line(file.toString(), i + 1), lines.get(i));
    }
    applyOverrides(parser, env);
    return parser.build();
  }

  /**
   * No config file: {@link BrokerConfig#defaults()} (local only, anonymous clients allowed) with
   * the {@code PETREL_*} overrides in {@code env} applied.
   */
  public static BrokerConfig defaults(Map<String, String> env) throws ConfigException {
    ConfigParser parser = new ConfigParser();
    applyOverrides(parser, env);
    return parser.build();
  }

  private static void applyOverrides(ConfigParser parser, Map<String, String> env)
      throws ConfigException {
    // Sorted, so that the first error is the same on every run.
    for (Map.Entry<String, String> variable : new TreeMap<>(env).entrySet()) {
      String name = variable.getKey();
      if (!name.startsWith(ENV_PREFIX) || NOT_CONFIG_VARIABLES.contains(name)) {
        continue;
      }
      String key = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT);
      Origin.EnvVariable origin = new Origin.EnvVariable(name);
      Optional<GlobalKey> global = GlobalKey.named(key);
      if (global.isPresent()) {
        parser.override(global.get(), origin, variable.getValue());
      } else if (MosquittoKeys.LISTENER.contains(key)) {
        throw origin.error(
            key + " cannot be set from the environment; define listeners in the config file");
      } else if (MosquittoKeys.isNotSupported(key)) {
        throw origin.error(key + " is not supported yet by Petrel");
      } else {
        // Other tools may use the prefix too, so an unknown name is a warning, not an error.
        LOG.warn("Ignoring environment variable {}: {} is not a Petrel config key", name, key);
      }
    }
  }

  private static List<String> read(Path file) throws ConfigException {
    if (Files.isDirectory(file)) {
      throw new ConfigException(file + ": is a directory, not a config file");
    }
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such config file", e);
    } catch (AccessDeniedException e) {
      throw new ConfigException(file + ": cannot read the config file: permission denied", e);
    } catch (MalformedInputException e) {
      throw new ConfigException(file + ": the config file is not UTF-8 text", e);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read the config file: " + e.getMessage(), e);
    }
  }
}
