package io.petrel.broker.auth;

import io.petrel.codec.WildcardSyntax;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The IBM Watson IoT client classes ({@code client_classes}): a client id {@code
 * d:{org}:{type}:{id}} is a device, {@code a:{org}:{app}} an application and {@code
 * g:{org}:{type}:{id}} a gateway, and each is confined to its topic space. Every device has its own
 * subtree {@code iot-2/type/{type}/id/{id}/}: it may publish only its events {@code
 * .../evt/{event}/fmt/{format}} and subscribe only to its commands {@code
 * .../cmd/{command}/fmt/{format}}. An application may publish and subscribe to the events and
 * commands of every device ({@code iot-2/type/+/id/+/evt|cmd/+/fmt/+}); a gateway, acting for the
 * devices behind it, may publish the events of every device and subscribe to the commands of every
 * device. Other client ids are not confined here.
 *
 * <p>IBM's service lets a device write {@code iot-2/evt/...} and shows it to applications under
 * {@code iot-2/type/{type}/id/{id}/evt/...}; Petrel does not translate topics, so devices use the
 * long form themselves. Organisations share one topic space: {@code client_class_org} limits the
 * broker to one.
 */
public final class ClientClasses {
  /** One of the three classes, parsed from a client id. */
  public sealed interface ClientClass permits Device, Application, Gateway {
    String org();
  }

  public record Device(String org, String type, String id) implements ClientClass {}

  public record Application(String org, String app) implements ClientClass {}

  public record Gateway(String org, String type, String id) implements ClientClass {}

  // IBM allows letters, digits, '-', '_' and '.' in type and device ids; no wildcard or separator.
  private static final Pattern PART = Pattern.compile("[A-Za-z0-9._-]+");

  private final Optional<String> org;
  private final WildcardSyntax syntax;

  /**
   * @param org the only organisation client ids may name; any if empty
   */
  public ClientClasses(Optional<String> org, WildcardSyntax syntax) {
    this.org = org;
    this.syntax = syntax;
  }

  /**
   * The class a client id names; empty for an id that does not start with {@code d:}, {@code a:} or
   * {@code g:}.
   *
   * @throws IllegalArgumentException if it starts so but is malformed, or names another
   *     organisation than {@code client_class_org}; the message says why
   */
  public Optional<ClientClass> classify(String clientId) {
    if (clientId.length() < 2 || clientId.charAt(1) != ':') {
      return Optional.empty();
    }
    char kind = clientId.charAt(0);
    if (kind != 'd' && kind != 'a' && kind != 'g') {
      return Optional.empty();
    }
    String[] parts = clientId.split(":", -1);
    int expected = kind == 'a' ? 3 : 4;
    if (parts.length != expected) {
      throw new IllegalArgumentException(
          "client id \""
              + clientId
              + "\" is not "
              + (kind == 'a' ? "a:{org}:{app}" : kind + ":{org}:{type}:{id}"));
    }
    for (int i = 1; i < parts.length; i++) {
      if (!PART.matcher(parts[i]).matches() || isSpecial(parts[i])) {
        throw new IllegalArgumentException(
            "client id \""
                + clientId
                + "\": part "
                + i
                + " must be letters, digits, '-', '_' or '.'");
      }
    }
    if (org.isPresent() && !org.get().equals(parts[1])) {
      throw new IllegalArgumentException(
          "client id \"" + clientId + "\" is not of organisation \"" + org.get() + "\"");
    }
    ClientClass c =
        switch (kind) {
          case 'd' -> new Device(parts[1], parts[2], parts[3]);
          case 'g' -> new Gateway(parts[1], parts[2], parts[3]);
          default -> new Application(parts[1], parts[2]);
        };
    return Optional.of(c);
  }

  private boolean isSpecial(String part) {
    return part.indexOf(syntax.separator()) >= 0 || TopicPatterns.hasWildcard(part, syntax);
  }

  /** Whether the client may publish to the topic. */
  public boolean mayPublish(ClientClass c, String topic) {
    return publishable(c).stream().anyMatch(f -> TopicPatterns.matches(f, topic, syntax));
  }

  /** Whether every topic the filter can match lies in the client's readable space. */
  public boolean maySubscribe(ClientClass c, String filter) {
    return readable(c).stream().anyMatch(f -> TopicPatterns.covers(f, filter, syntax));
  }

  /** Whether the client may receive a message published to the topic. */
  public boolean mayRead(ClientClass c, String topic) {
    return readable(c).stream().anyMatch(f -> TopicPatterns.matches(f, topic, syntax));
  }

  private List<String> publishable(ClientClass c) {
    if (c instanceof Device d) {
      return List.of(space(d.type(), d.id(), "evt"));
    }
    if (c instanceof Gateway) {
      return List.of(space(any(), any(), "evt"));
    }
    return List.of(space(any(), any(), "evt"), space(any(), any(), "cmd"));
  }

  private List<String> readable(ClientClass c) {
    if (c instanceof Device d) {
      return List.of(space(d.type(), d.id(), "cmd"));
    }
    if (c instanceof Gateway) {
      return List.of(space(any(), any(), "cmd"));
    }
    return List.of(space(any(), any(), "evt"), space(any(), any(), "cmd"));
  }

  /** {@code iot-2/type/{type}/id/{id}/{kind}/+/fmt/+} in the broker's syntax. */
  private String space(String type, String id, String kind) {
    return String.join(
        String.valueOf(syntax.separator()),
        "iot-2",
        "type",
        type,
        "id",
        id,
        kind,
        any(),
        "fmt",
        any());
  }

  private String any() {
    return String.valueOf(syntax.singleLevel());
  }
}
