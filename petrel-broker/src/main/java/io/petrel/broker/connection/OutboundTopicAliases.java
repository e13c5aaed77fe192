package io.petrel.broker.connection;

import io.petrel.codec.MqttProperties;
import io.petrel.codec.PropertyId;
import io.petrel.codec.Publish;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Topic aliases the server sends to one client, up to the Topic Alias Maximum the client set in
 * CONNECT [MQTT-3.3.2-10]: the first PUBLISH for a topic carries the topic and a new alias, later
 * ones an empty topic and the alias, which saves the topic's bytes on every message. When all
 * aliases are in use, the least recently used one is given to the new topic (MQTT 5.0 section
 * 3.3.2.3.4 lets the sender change a mapping by sending the alias with another topic name).
 * Confined to the session's thread, which writes the connection's PUBLISH packets.
 */
final class OutboundTopicAliases {
  private final int maximum;
  private final LinkedHashMap<String, Integer> byTopic;

  OutboundTopicAliases(int maximum) {
    this.maximum = maximum;
    this.byTopic = new LinkedHashMap<>(16, 0.75f, true); // access order: least recent first
  }

  /** The PUBLISH to send: with an alias, and without the topic name if the alias is known. */
  Publish apply(Publish p) {
    Integer alias = byTopic.get(p.topic());
    if (alias != null) {
      return withAlias(p, "", alias);
    }
    int next;
    if (byTopic.size() < maximum) {
      next = byTopic.size() + 1;
    } else {
      Map.Entry<String, Integer> eldest = byTopic.entrySet().iterator().next();
      next = eldest.getValue();
      byTopic.remove(eldest.getKey());
    }
    byTopic.put(p.topic(), next);
    return withAlias(p, p.topic(), next);
  }

  private static Publish withAlias(Publish p, String topic, int alias) {
    MqttProperties props =
        p.properties().toBuilder().integer(PropertyId.TOPIC_ALIAS, alias).build();
    return new Publish(topic, p.payload(), p.qos(), p.retain(), p.dup(), p.packetId(), props);
  }
}
