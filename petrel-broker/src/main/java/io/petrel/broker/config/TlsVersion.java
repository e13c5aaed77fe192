package io.petrel.broker.config;

import java.util.List;

/**
 * The oldest TLS version a listener accepts: Mosquitto 2's {@code tls_version} is a minimum. TLS
 * 1.1 and older are not offered: the JDK disables them.
 */
public enum TlsVersion {
  TLS_1_2("tlsv1.2", List.of("TLSv1.3", "TLSv1.2")),
  TLS_1_3("tlsv1.3", List.of("TLSv1.3"));

  private final String key;
  private final List<String> protocols;

  TlsVersion(String key, List<String> protocols) {
    this.key = key;
    this.protocols = protocols;
  }

  /** The value as written in the config file. */
  public String key() {
    return key;
  }

  /** The JSSE protocol names this minimum allows. */
  public List<String> protocols() {
    return protocols;
  }

  static TlsVersion parse(String value) throws BadValueException {
    for (TlsVersion v : values()) {
      if (v.key.equals(value)) {
        return v;
      }
    }
    if (value.equals("tlsv1.1") || value.equals("tlsv1")) {
      throw new BadValueException(
          value + " is not supported by Petrel (the JDK disables it); use tlsv1.2 or tlsv1.3");
    }
    throw new BadValueException(Values.quote(value) + " is not allowed; use tlsv1.2 or tlsv1.3");
  }
}
