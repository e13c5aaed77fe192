package io.petrel.broker.routing;

import io.petrel.codec.QoS;
import io.petrel.codec.TopicFilter;
import java.util.ArrayList;
import java.util.List;

/** A sink that records its deliveries in the caller's thread; online until told otherwise. */
final class RecordingSink implements MessageSink {
  /** One delivery as the router made it. */
  record Delivery(Message message, QoS qos, TopicFilter via, List<Integer> subscriptionIds) {}

  private final String clientId;
  private boolean online = true;
  final List<Delivery> deliveries = new ArrayList<>();

  RecordingSink(String clientId) {
    this.clientId = clientId;
  }

  RecordingSink offline() {
    online = false;
    return this;
  }

  @Override
  public String clientId() {
    return clientId;
  }

  @Override
  public boolean isOnline() {
    return online;
  }

  @Override
  public void deliver(
      Message message, QoS qos, TopicFilter via, boolean retainFlag, List<Integer> ids) {
    deliveries.add(new Delivery(message, qos, via, ids));
  }
}
