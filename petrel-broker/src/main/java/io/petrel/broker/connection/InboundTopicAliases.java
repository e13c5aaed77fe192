package io.petrel.broker.connection;

import io.petrel.codec.PropertyId;
import io.petrel.codec.Publish;
import java.util.OptionalLong;

/**
 * The topic aliases a client set on its connection (MQTT 5.0 section 3.3.2.3.4). They belong to the
 * connection, not the session: a new connection starts with none [MQTT-3.3.2-7]. Used on the
 * session's thread only, where the connection's PUBLISH packets are handled.
 */
final class InboundTopicAliases {
  private final int maximum;
  // Sized on first use, so that a client that never uses aliases costs nothing.
  private String[] topics;

  /**
   * @param maximum the Topic Alias Maximum this server told the client in CONNACK
   */
  InboundTopicAliases(int maximum) {
    this.maximum = maximum;
  }

  /** Why a PUBLISH's topic could not be resolved, for the DISCONNECT and the log. */
  static final class Refused extends Exception {
    private final boolean aliasInvalid;

    Refused(boolean aliasInvalid, String message) {
      super(message, null, false, false);
      this.aliasInvalid = aliasInvalid;
    }

    /** True for 0x94 Topic Alias invalid, false for 0x82 Protocol Error. */
    boolean aliasInvalid() {
      return aliasInvalid;
    }
  }

  /**
   * The topic a PUBLISH is for: its topic name, recorded under its alias if it has one, or the
   * topic an alias stands for when the topic name is empty.
   */
  String resolve(Publish p) throws Refused {
    OptionalLong alias = p.properties().integer(PropertyId.TOPIC_ALIAS);
    if (alias.isEmpty()) {
      return p.topic();
    }
    int a = (int) alias.getAsLong();
    if (a == 0 || a > maximum) {
      // [MQTT-3.3.2-8][MQTT-3.3.2-9]
      throw new Refused(true, "topic alias " + a + " is outside 1 to the maximum of " + maximum);
    }
    if (!p.topic().isEmpty()) {
      if (topics == null) {
        topics = new String[maximum + 1];
      }
      topics[a] = p.topic(); // set or replaced (MQTT 5.0 section 3.3.2.3.4)
      return p.topic();
    }
    String topic = topics == null ? null : topics[a];
    if (topic == null) {
      throw new Refused(false, "topic alias " + a + " was never set on this connection");
    }
    return topic;
  }
}
