package io.petrel.broker.config;

/** Where a setting came from: a line of the config file or an environment variable. */
sealed interface Origin {

  /** A short place for "already set at ..." messages. */
  String describe();

  /** An error found here, worded as the user should read it. */
  ConfigException error(String problem);

  /** An error about {@code key} set here. */
  ConfigException error(String key, String problem);

  /** Line {@code number} (from 1) of {@code file} as the user named it. */
  record Line(String file, int number) implements Origin {
    @Override
    public String describe() {
      return "line " + number;
    }

    @Override
    public ConfigException error(String problem) {
      return new ConfigException(file + ":" + number + ": " + problem);
    }

    @Override
    public ConfigException error(String key, String problem) {
      return error(key + ": " + problem);
    }
  }

  /** An override such as {@code PETREL_MAX_PACKET_SIZE}; the variable name is what to fix. */
  record EnvVariable(String name) implements Origin {
    @Override
    public String describe() {
      return "environment variable " + name;
    }

    @Override
    public ConfigException error(String problem) {
      return new ConfigException("environment variable " + name + ": " + problem);
    }

    /** The variable already names the key. */
    @Override
    public ConfigException error(String key, String problem) {
      return error(problem);
    }
  }
}
