package io.petrel.broker.auth;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * Who may publish, subscribe to and receive which topics: the rules of {@code acl_file} and of
 * {@code client_classes}, each where configured; where both are, both must allow. The broker has
 * none when neither is set, so that the publish path costs one null check then. Safe for concurrent
 * use.
 */
public final class TopicAuthorizer implements AutoCloseable {
  private final Optional<AclFileAuthorizer> acl;
  private final Optional<ClientClasses> classes;

  private TopicAuthorizer(Optional<AclFileAuthorizer> acl, Optional<ClientClasses> classes) {
    this.acl = acl;
    this.classes = classes;
  }

  /** An authorizer, or empty if there is nothing to check. */
  public static Optional<TopicAuthorizer> of(
      Optional<AclFileAuthorizer> acl, Optional<ClientClasses> classes) {
    return acl.isEmpty() && classes.isEmpty()
        ? Optional.empty()
        : Optional.of(new TopicAuthorizer(acl, classes));
  }

  public Optional<AclFileAuthorizer> acl() {
    return acl;
  }

  public Optional<ClientClasses> classes() {
    return classes;
  }

  /**
   * Checks a client id at CONNECT against the client classes.
   *
   * @throws IllegalArgumentException if it claims a class (starts with d:, a: or g:) but is
   *     malformed or of another organisation
   */
  public void checkClientId(String clientId) {
    if (classes.isPresent()) {
      classes.get().classify(clientId);
    }
  }

  /** Whether the client may publish to the topic. */
  public boolean mayPublish(String clientId, Optional<String> username, String topic) {
    if (acl.isPresent() && !acl.get().acl().mayWrite(clientId, username, topic)) {
      return false;
    }
    return classes.isEmpty() || confined(clientId, c -> classes.get().mayPublish(c, topic));
  }

  /** Whether the client may subscribe to the filter (not a shared one: pass the inner filter). */
  public boolean maySubscribe(String clientId, Optional<String> username, String filter) {
    if (acl.isPresent() && !acl.get().acl().maySubscribe(clientId, username, filter)) {
      return false;
    }
    return classes.isEmpty() || confined(clientId, c -> classes.get().maySubscribe(c, filter));
  }

  /** Whether the client may receive a message published to the topic. */
  public boolean mayRead(String clientId, Optional<String> username, String topic) {
    if (acl.isPresent() && !acl.get().acl().mayRead(clientId, username, topic)) {
      return false;
    }
    return classes.isEmpty() || confined(clientId, c -> classes.get().mayRead(c, topic));
  }

  /** Reads {@code acl_file} again; false if there is none or it failed. */
  public boolean reload() {
    return acl.map(AclFileAuthorizer::reload).orElse(false);
  }

  @Override
  public void close() {
    acl.ifPresent(AclFileAuthorizer::close);
  }

  private boolean confined(String clientId, Predicate<ClientClasses.ClientClass> allows) {
    Optional<ClientClasses.ClientClass> c;
    try {
      c = classes.get().classify(clientId);
    } catch (IllegalArgumentException e) {
      return false; // refused at CONNECT; a restored session keeps nothing it may not have
    }
    return c.isEmpty() || allows.test(c.get());
  }
}
