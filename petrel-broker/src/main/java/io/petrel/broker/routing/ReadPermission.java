package io.petrel.broker.routing;

import io.petrel.codec.TopicName;

/**
 * Whether a subscriber may receive a message on a topic: asked for each delivery, as Mosquitto asks
 * its ACL, so that a wildcard subscription never carries a topic the subscriber may not read, and a
 * changed ACL applies to subscriptions made before.
 */
@FunctionalInterface
public interface ReadPermission {
  boolean mayRead(MessageSink sink, TopicName topic);
}
