package io.petrel.codec;

import java.util.Objects;

/** An MQTT 5 user property: a UTF-8 string pair; the same name may appear more than once. */
public record UserProperty(String name, String value) {
  public UserProperty {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }
}
