package io.petrel.broker.session;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Outbound QoS 1/2 messages awaiting acknowledgement, in the order they were sent (re-sent in that
 * order on reconnect [MQTT-4.6.0-1]), and the packet identifiers they hold. Confined to the
 * session's thread.
 */
final class InflightWindow {
  private final int capacity;
  // The connection's share of the capacity: the client's Receive Maximum may be lower
  // [MQTT-3.3.4-7]. Messages re-sent on reconnect may exceed it until acknowledged.
  private int limit;
  // Created on first use: an idle connection's session never has anything in flight.
  private Map<Integer, InflightMessage> byPacketId = Collections.emptyMap();
  private int lastPacketId;

  InflightWindow(int capacity) {
    this.capacity = capacity;
    this.limit = capacity;
  }

  /** Applies a new connection's Receive Maximum. */
  void limitTo(int receiveMaximum) {
    limit = Math.min(capacity, receiveMaximum);
  }

  boolean hasRoom() {
    return byPacketId.size() < limit;
  }

  /**
   * A packet identifier not in use by another in-flight message [MQTT-2.2.1-3]. Only call when
   * {@link #hasRoom()}; the capacity is at most 65535 so one is always free.
   */
  int nextPacketId() {
    do {
      lastPacketId = lastPacketId == 0xFFFF ? 1 : lastPacketId + 1;
    } while (byPacketId.containsKey(lastPacketId));
    return lastPacketId;
  }

  void add(InflightMessage m) {
    if (byPacketId.isEmpty()) {
      byPacketId = new LinkedHashMap<>();
    }
    byPacketId.put(m.packetId, m);
  }

  InflightMessage get(int packetId) {
    return byPacketId.get(packetId);
  }

  InflightMessage remove(int packetId) {
    return byPacketId.remove(packetId);
  }

  /**
   * Ends the flow of a packet id if it is at the given step (PUBACK or PUBCOMP awaited); false for
   * an unknown id or one at another step.
   */
  boolean complete(int packetId, InflightMessage.State awaited) {
    InflightMessage m = byPacketId.get(packetId);
    if (m == null || m.state != awaited) {
      return false;
    }
    byPacketId.remove(packetId);
    return true;
  }

  /** A PUBREC arrived: the QoS 2 message now awaits PUBCOMP. False for an unknown id. */
  boolean released(int packetId) {
    InflightMessage m = byPacketId.get(packetId);
    if (m == null || m.state == InflightMessage.State.AWAITING_PUBACK) {
      return false;
    }
    m.state = InflightMessage.State.AWAITING_PUBCOMP;
    return true;
  }

  /** Ends the flows the filter selects, in order; the filter may act on each before it goes. */
  void removeIf(Predicate<InflightMessage> filter) {
    byPacketId.values().removeIf(filter);
  }

  Collection<InflightMessage> inOrder() {
    return byPacketId.values();
  }

  int size() {
    return byPacketId.size();
  }

  void clear() {
    byPacketId = Collections.emptyMap();
  }
}
