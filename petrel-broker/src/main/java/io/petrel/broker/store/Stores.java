package io.petrel.broker.store;

import io.petrel.broker.retain.InMemoryRetainedMessageStore;
import io.petrel.broker.retain.RetainedMessageStore;
import java.util.Objects;

/**
 * The stores a broker runs on. Passing the same instance to a second {@code Broker.start} after the
 * first was closed restarts with its sessions and retained messages.
 */
public record Stores(SessionStore sessions, RetainedMessageStore retained, MessageStore messages) {
  public Stores {
    Objects.requireNonNull(sessions, "sessions");
    Objects.requireNonNull(retained, "retained");
    Objects.requireNonNull(messages, "messages");
  }

  public static Stores inMemory() {
    return new Stores(
        new InMemorySessionStore(), new InMemoryRetainedMessageStore(), MessageStore.NONE);
  }
}
