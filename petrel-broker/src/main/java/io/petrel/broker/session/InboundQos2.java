package io.petrel.broker.session;

import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * Packet ids of inbound QoS 2 messages that were routed and await PUBREL: a re-sent PUBLISH with
 * one of them must not be delivered again [MQTT-4.3.3-2]. Part of the session, so it survives a
 * reconnect. Session-confined.
 */
final class InboundQos2 {
  // Created on first use: most clients never publish at QoS 2.
  private Set<Integer> awaitingRelease = Collections.emptySet();

  /** Records a packet id; false if it was already recorded (a duplicate to acknowledge only). */
  boolean begin(int packetId) {
    if (awaitingRelease.isEmpty()) {
      awaitingRelease = new HashSet<>();
    }
    return awaitingRelease.add(packetId);
  }

  /** How many QoS 2 messages await PUBREL: they count against the Receive Maximum. */
  int size() {
    return awaitingRelease.size();
  }

  boolean contains(int packetId) {
    return awaitingRelease.contains(packetId);
  }

  /** PUBREL arrived: the packet id may be reused. */
  void release(int packetId) {
    awaitingRelease.remove(packetId);
  }

  void clear() {
    awaitingRelease = Collections.emptySet();
  }
}
