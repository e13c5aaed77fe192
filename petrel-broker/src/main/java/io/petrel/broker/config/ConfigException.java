package io.petrel.broker.config;

/**
 * The config file or an environment override is wrong; the message says where, which key and why,
 * e.g. {@code petrel.conf:12: max_packet_size: "12x" is not a number}, so it can be shown as is.
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
