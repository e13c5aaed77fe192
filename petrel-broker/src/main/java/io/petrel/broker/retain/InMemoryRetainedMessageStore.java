package io.petrel.broker.retain;

import io.petrel.broker.routing.Message;
import io.petrel.codec.TopicFilter;
import io.petrel.codec.TopicName;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Retained messages in a concurrent map. A filter without wildcards is one lookup; a wildcard
 * filter scans every retained topic, which is fine while subscribes are rare next to publishes.
 * Expired messages are dropped as they are found.
 */
public final class InMemoryRetainedMessageStore implements RetainedMessageStore {
  private final ConcurrentHashMap<TopicName, Message> messages = new ConcurrentHashMap<>();

  @Override
  public void put(Message message) {
    messages.put(message.topic(), message);
  }

  @Override
  public void remove(TopicName topic) {
    messages.remove(topic);
  }

  @Override
  public List<Message> matching(TopicFilter filter) {
    if (!filter.hasWildcard()) {
      Message m = live(messages.get(TopicName.of(filter.value(), filter.syntax())));
      return m == null ? List.of() : List.of(m);
    }
    List<Message> result = new ArrayList<>();
    for (Message m : messages.values()) {
      if (filter.matches(m.topic()) && live(m) != null) {
        result.add(m);
      }
    }
    return result;
  }

  /**
   * The message, or null if there is none or its Message Expiry Interval has passed: an expired
   * retained message is removed when it is next looked at (MQTT 5.0 section 3.3.2.3.3).
   */
  private Message live(Message m) {
    if (m != null && m.expired()) {
      messages.remove(m.topic(), m);
      return null;
    }
    return m;
  }

  @Override
  public int removeExpired() {
    return removeExpiredAndThen(m -> {});
  }

  /** Removes the expired messages and tells {@code removed} about each, for a store on disk. */
  public int removeExpiredAndThen(Consumer<Message> removed) {
    int count = 0;
    for (Message m : messages.values()) {
      if (m.expired() && messages.remove(m.topic(), m)) {
        removed.accept(m);
        count++;
      }
    }
    return count;
  }

  @Override
  public int size() {
    return messages.size();
  }
}
