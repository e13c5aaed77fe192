package io.petrel.broker.retain;

import io.petrel.broker.routing.Message;
import io.petrel.codec.TopicFilter;
import io.petrel.codec.TopicName;
import java.util.List;

/**
 * Retained messages, one per topic: the last message published with the retain flag [MQTT-3.3.1-5].
 * Implementations are safe for concurrent use.
 */
public interface RetainedMessageStore {

  /** Stores the message as the topic's retained message, replacing any earlier one. */
  void put(Message message);

  /** Removes the topic's retained message: what a retained PUBLISH with no payload asks for. */
  void remove(TopicName topic);

  /** The retained messages whose topic the filter matches, for a new subscription. */
  List<Message> matching(TopicFilter filter);

  int size();

  /**
   * Removes the messages whose Message Expiry Interval has passed, so that topics nobody subscribes
   * to again do not keep them (MQTT 5.0 section 3.3.2.3.3).
   *
   * @return how many were removed
   */
  int removeExpired();
}
