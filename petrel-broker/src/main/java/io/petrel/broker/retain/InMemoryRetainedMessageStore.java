package io.petrel.broker.retain;

import io.petrel.broker.routing.Message;
import io.petrel.codec.TopicFilter;
import io.petrel.codec.TopicName;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Retained messages in a concurrent map. A filter without wildcards is one lookup; a wildcard
 * filter scans every retained topic, which is fine while subscribes are rare next to publishes.
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
      Message m = messages.get(TopicName.of(filter.value(), filter.syntax()));
      return m == null ? List.of() : List.of(m);
    }
    List<Message> result = new ArrayList<>();
    for (Message m : messages.values()) {
      if (filter.matches(m.topic())) {
        result.add(m);
      }
    }
    return result;
  }

  @Override
  public int size() {
    return messages.size();
  }
}
