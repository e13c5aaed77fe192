package io.petrel.broker.auth;

import io.petrel.codec.TopicFilter;
import io.petrel.codec.WildcardSyntax;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Mosquitto ACL file ({@code acl_file}). {@code user <name>} starts a user's section; {@code
 * topic [read|write|readwrite|deny] <filter>} grants (readwrite by default) or denies a filter to
 * that user, or to anonymous clients before the first {@code user} line; {@code pattern [access]
 * <filter>} applies to every client, with {@code %c} replaced by its client id and {@code %u} by
 * its user name. As in Mosquitto, what no rule grants is denied, and a matching {@code deny} beats
 * any grant. Immutable and safe for concurrent use.
 */
public final class AclFile {
  /** What a rule allows; {@code DENY} takes away whatever else allows. */
  public enum Access {
    READ,
    WRITE,
    READWRITE,
    DENY;

    boolean reads() {
      return this == READ || this == READWRITE;
    }

    boolean writes() {
      return this == WRITE || this == READWRITE;
    }
  }

  /** One {@code topic} or {@code pattern} line. */
  public record Rule(Access access, String filter) {}

  private final WildcardSyntax syntax;
  private final List<Rule> anonymous;
  private final Map<String, List<Rule>> users;
  private final List<Rule> patterns;

  private AclFile(
      WildcardSyntax syntax,
      List<Rule> anonymous,
      Map<String, List<Rule>> users,
      List<Rule> patterns) {
    this.syntax = syntax;
    this.anonymous = List.copyOf(anonymous);
    Map<String, List<Rule>> copy = new LinkedHashMap<>();
    users.forEach((name, rules) -> copy.put(name, List.copyOf(rules)));
    this.users = Map.copyOf(copy);
    this.patterns = List.copyOf(patterns);
  }

  /**
   * Reads and checks an ACL file.
   *
   * @throws AclFileException if it cannot be read or a line is malformed
   */
  public static AclFile read(Path file, WildcardSyntax syntax) throws AclFileException {
    return parse(file.toString(), readLines(file), syntax);
  }

  /**
   * Parses the lines of an ACL file.
   *
   * @param name the file as messages name it
   */
  public static AclFile parse(String name, List<String> text, WildcardSyntax syntax)
      throws AclFileException {
    List<Rule> anonymous = new ArrayList<>();
    Map<String, List<Rule>> users = new LinkedHashMap<>();
    List<Rule> patterns = new ArrayList<>();
    List<Rule> section = anonymous;
    for (int i = 0; i < text.size(); i++) {
      String where = name + ":" + (i + 1) + ": ";
      String line = text.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] words = line.split("\\s+", 2);
      String rest = words.length > 1 ? words[1] : "";
      switch (words[0]) {
        case "user" -> {
          if (rest.isEmpty()) {
            throw new AclFileException(where + "user needs a user name");
          }
          // The rest of the line, as Mosquitto takes it: a name may contain blanks.
          section = users.computeIfAbsent(rest, n -> new ArrayList<>());
        }
        case "topic" -> section.add(rule(where, "topic", rest, syntax));
        case "pattern" -> patterns.add(rule(where, "pattern", rest, syntax));
        default ->
            throw new AclFileException(
                where + "unknown keyword \"" + words[0] + "\"; use user, topic or pattern");
      }
    }
    return new AclFile(syntax, anonymous, users, patterns);
  }

  private static Rule rule(String where, String keyword, String rest, WildcardSyntax syntax)
      throws AclFileException {
    if (rest.isEmpty()) {
      throw new AclFileException(where + keyword + " needs a topic filter");
    }
    String[] words = rest.split("\\s+", 2);
    Access access = Access.READWRITE;
    String filter = rest;
    Optional<Access> named = access(words[0]);
    if (named.isPresent()) {
      if (words.length < 2) {
        throw new AclFileException(
            where + keyword + " " + words[0] + " needs a topic filter after the access");
      }
      access = named.get();
      filter = words[1];
    }
    try {
      TopicFilter.of(filter, syntax);
    } catch (IllegalArgumentException e) {
      throw new AclFileException(
          where + keyword + " \"" + filter + "\" is not a topic filter: " + e.getMessage(), e);
    }
    return new Rule(access, filter);
  }

  private static Optional<Access> access(String word) {
    return switch (word) {
      case "read", "write", "readwrite", "deny" ->
          Optional.of(Access.valueOf(word.toUpperCase(Locale.ROOT)));
      default -> Optional.empty();
    };
  }

  /** The rules of anonymous clients: the {@code topic} lines before the first {@code user}. */
  public List<Rule> anonymousRules() {
    return anonymous;
  }

  /** The {@code topic} rules of a user's section; empty for a user the file does not name. */
  public List<Rule> userRules(String username) {
    return users.getOrDefault(username, List.of());
  }

  public List<Rule> patterns() {
    return patterns;
  }

  /** Whether the client may publish to the topic. */
  public boolean mayWrite(String clientId, Optional<String> username, String topic) {
    return allows(clientId, username, topic, false, false);
  }

  /** Whether the client may receive a message published to the topic. */
  public boolean mayRead(String clientId, Optional<String> username, String topic) {
    return allows(clientId, username, topic, true, false);
  }

  /**
   * Whether the client may subscribe to the filter: a read rule must cover every topic the filter
   * can match ({@link TopicPatterns#covers}), and no deny rule may cover it. A filter that only
   * overlaps a deny rule ({@code #} against {@code deny secret/#}) is granted; the messages of the
   * denied topics are then dropped at delivery ({@link #mayRead}).
   */
  public boolean maySubscribe(String clientId, Optional<String> username, String filter) {
    return allows(clientId, username, filter, true, true);
  }

  private boolean allows(
      String clientId,
      Optional<String> username,
      String topic,
      boolean read,
      boolean subscription) {
    boolean granted = false;
    List<Rule> own = username.isPresent() ? userRules(username.get()) : anonymous;
    for (Rule rule : own) {
      int verdict = verdict(rule, rule.filter(), topic, read, subscription);
      if (verdict < 0) {
        return false;
      }
      granted |= verdict > 0;
    }
    for (Rule rule : patterns) {
      Optional<String> filter = substitute(rule.filter(), clientId, username);
      if (filter.isEmpty()) {
        continue;
      }
      int verdict = verdict(rule, filter.get(), topic, read, subscription);
      if (verdict < 0) {
        return false;
      }
      granted |= verdict > 0;
    }
    return granted;
  }

  /** -1 denies, 1 grants, 0 says nothing. */
  private int verdict(Rule rule, String filter, String topic, boolean read, boolean subscription) {
    boolean applies =
        subscription
            ? TopicPatterns.covers(filter, topic, syntax)
            : TopicPatterns.matches(filter, topic, syntax);
    if (!applies) {
      return 0;
    }
    if (rule.access() == Access.DENY) {
      return -1;
    }
    return (read ? rule.access().reads() : rule.access().writes()) ? 1 : 0;
  }

  /**
   * The pattern for one client; empty if it does not apply: {@code %u} for an anonymous client, or
   * a client id or user name with a wildcard character, which would widen the pattern (Mosquitto
   * refuses those too).
   */
  private Optional<String> substitute(String pattern, String clientId, Optional<String> username) {
    if (pattern.indexOf('%') < 0) {
      return Optional.of(pattern);
    }
    String filter = pattern;
    if (filter.contains("%c")) {
      if (TopicPatterns.hasWildcard(clientId, syntax)) {
        return Optional.empty();
      }
      filter = filter.replace("%c", clientId);
    }
    if (filter.contains("%u")) {
      if (username.isEmpty() || TopicPatterns.hasWildcard(username.get(), syntax)) {
        return Optional.empty();
      }
      filter = filter.replace("%u", username.get());
    }
    return Optional.of(filter);
  }

  private static List<String> readLines(Path file) throws AclFileException {
    if (Files.isDirectory(file)) {
      throw new AclFileException(file + ": is a directory, not an ACL file");
    }
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new AclFileException(file + ": no such ACL file", e);
    } catch (AccessDeniedException e) {
      throw new AclFileException(file + ": cannot read the ACL file: permission denied", e);
    } catch (MalformedInputException e) {
      throw new AclFileException(file + ": the ACL file is not UTF-8 text", e);
    } catch (IOException e) {
      throw new AclFileException(file + ": cannot read the ACL file: " + e.getMessage(), e);
    }
  }
}
