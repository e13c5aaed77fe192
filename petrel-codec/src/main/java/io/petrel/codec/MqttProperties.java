package io.petrel.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The MQTT 5 properties of a packet, immutable. Integer-valued properties (byte, two-byte,
 * four-byte and variable byte integers) are read as longs so that four-byte values above 2^31
 * survive; strings and binary values are read as their types. User properties keep their order and
 * duplicates [MQTT-3.3.2-18]; subscription identifiers are a list because a PUBLISH may carry
 * several.
 *
 * <p>MQTT 3.1 and 3.1.1 packets carry {@link #EMPTY}.
 */
public final class MqttProperties {
  // Before EMPTY: the constructor needs it during class initialisation.
  private static final PropertyId[] IDS = PropertyId.values();

  public static final MqttProperties EMPTY = new Builder().build();

  private final Object[] values;
  private final List<UserProperty> userProperties;
  private final List<Integer> subscriptionIdentifiers;
  // Worked out once: the encoder walks it twice per packet (size, then bytes).
  private final List<PropertyId> presentSingleValued;

  private MqttProperties(Builder b) {
    this.values = b.values.clone();
    this.userProperties = List.copyOf(b.userProperties);
    this.subscriptionIdentifiers = List.copyOf(b.subscriptionIdentifiers);
    List<PropertyId> present = new ArrayList<>();
    for (PropertyId id : IDS) {
      if (values[id.ordinal()] != null) {
        present.add(id);
      }
    }
    this.presentSingleValued = List.copyOf(present);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from these properties, for deriving a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    System.arraycopy(values, 0, b.values, 0, values.length);
    b.userProperties.addAll(userProperties);
    b.subscriptionIdentifiers.addAll(subscriptionIdentifiers);
    return b;
  }

  public boolean isEmpty() {
    return presentSingleValued.isEmpty()
        && userProperties.isEmpty()
        && subscriptionIdentifiers.isEmpty();
  }

  public boolean contains(PropertyId id) {
    return switch (id) {
      case USER_PROPERTY -> !userProperties.isEmpty();
      case SUBSCRIPTION_IDENTIFIER -> !subscriptionIdentifiers.isEmpty();
      default -> values[id.ordinal()] != null;
    };
  }

  /** An integer-valued property. */
  public OptionalLong integer(PropertyId id) {
    Object v = values[id.ordinal()];
    return v instanceof Long l ? OptionalLong.of(l) : OptionalLong.empty();
  }

  /** A UTF-8 string property. */
  public Optional<String> string(PropertyId id) {
    Object v = values[id.ordinal()];
    return v instanceof String s ? Optional.of(s) : Optional.empty();
  }

  /** A binary data property. */
  public Optional<Bytes> binary(PropertyId id) {
    Object v = values[id.ordinal()];
    return v instanceof Bytes b ? Optional.of(b) : Optional.empty();
  }

  public List<UserProperty> userProperties() {
    return userProperties;
  }

  public List<Integer> subscriptionIdentifiers() {
    return subscriptionIdentifiers;
  }

  /**
   * The single-valued properties present, in identifier order; for the encoder and for trace logs.
   */
  public List<PropertyId> presentSingleValued() {
    return presentSingleValued;
  }

  /** The value of a single-valued property as stored: Long, String or Bytes; null when absent. */
  Object rawValue(PropertyId id) {
    return values[id.ordinal()];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MqttProperties other
        && java.util.Arrays.equals(values, other.values)
        && userProperties.equals(other.userProperties)
        && subscriptionIdentifiers.equals(other.subscriptionIdentifiers);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(values) * 31 + userProperties.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (PropertyId id : presentSingleValued()) {
      if (sb.length() > 1) {
        sb.append(", ");
      }
      sb.append(id.name()).append('=').append(values[id.ordinal()]);
    }
    if (!subscriptionIdentifiers.isEmpty()) {
      sb.append(sb.length() > 1 ? ", " : "").append("SUBSCRIPTION_IDENTIFIER=");
      sb.append(subscriptionIdentifiers);
    }
    for (UserProperty p : userProperties) {
      sb.append(sb.length() > 1 ? ", " : "").append(p.name()).append('=').append(p.value());
    }
    return sb.append('}').toString();
  }

  /** Collects properties; checks each value against its property's wire type. */
  public static final class Builder {
    private final Object[] values = new Object[PropertyId.values().length];
    private final List<UserProperty> userProperties = new ArrayList<>();
    private final List<Integer> subscriptionIdentifiers = new ArrayList<>();

    private Builder() {}

    public Builder integer(PropertyId id, long value) {
      long max =
          switch (id.type()) {
            case BYTE -> 0xFFL;
            case TWO_BYTE_INTEGER -> 0xFFFFL;
            case FOUR_BYTE_INTEGER -> 0xFFFF_FFFFL;
            case VARIABLE_BYTE_INTEGER -> 268_435_455L;
            default -> throw new IllegalArgumentException(id + " is not an integer property");
          };
      if (value < 0 || value > max) {
        throw new IllegalArgumentException(id + " must be between 0 and " + max + ", not " + value);
      }
      if (id == PropertyId.SUBSCRIPTION_IDENTIFIER) {
        subscriptionIdentifiers.add((int) value);
      } else {
        values[id.ordinal()] = value;
      }
      return this;
    }

    public Builder string(PropertyId id, String value) {
      if (id.type() != PropertyId.Type.UTF8_STRING) {
        throw new IllegalArgumentException(id + " is not a string property");
      }
      values[id.ordinal()] = java.util.Objects.requireNonNull(value);
      return this;
    }

    public Builder binary(PropertyId id, Bytes value) {
      if (id.type() != PropertyId.Type.BINARY) {
        throw new IllegalArgumentException(id + " is not a binary property");
      }
      values[id.ordinal()] = java.util.Objects.requireNonNull(value);
      return this;
    }

    public Builder userProperty(String name, String value) {
      userProperties.add(new UserProperty(name, value));
      return this;
    }

    public Builder userProperties(List<UserProperty> properties) {
      userProperties.addAll(properties);
      return this;
    }

    /** Replaces all subscription identifiers (a delivery carries those of its matching filters). */
    public Builder subscriptionIdentifiers(List<Integer> ids) {
      subscriptionIdentifiers.clear();
      subscriptionIdentifiers.addAll(ids);
      return this;
    }

    public Builder remove(PropertyId id) {
      switch (id) {
        case USER_PROPERTY -> userProperties.clear();
        case SUBSCRIPTION_IDENTIFIER -> subscriptionIdentifiers.clear();
        default -> values[id.ordinal()] = null;
      }
      return this;
    }

    /** Whether a single-valued property has been set; the decoder uses it to refuse duplicates. */
    public boolean has(PropertyId id) {
      return values[id.ordinal()] != null;
    }

    public MqttProperties build() {
      return new MqttProperties(this);
    }
  }
}
