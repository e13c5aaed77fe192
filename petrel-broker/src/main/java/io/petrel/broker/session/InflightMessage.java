package io.petrel.broker.session;

import io.petrel.broker.routing.Message;
import io.petrel.codec.QoS;
import io.petrel.codec.TopicFilter;
import java.util.List;

/**
 * An outbound QoS 1 or 2 message sent and not yet fully acknowledged. Mutable state of the flow;
 * confined to the session's thread.
 */
final class InflightMessage {
  /** Where the flow stands. */
  enum State {
    /** QoS 1 PUBLISH sent; waiting for PUBACK. */
    AWAITING_PUBACK,
    /** QoS 2 PUBLISH sent; waiting for PUBREC. */
    AWAITING_PUBREC,
    /** QoS 2 PUBREL sent; waiting for PUBCOMP. The message itself is no longer needed. */
    AWAITING_PUBCOMP
  }

  final int packetId;
  final Message message;
  final QoS qos;
  final boolean retainFlag;
  // The subscription it came through, which a shared group needs to hand it to another member.
  final TopicFilter via;
  // Sent again as they were on a re-send with DUP.
  final List<Integer> subscriptionIds;
  State state;

  InflightMessage(
      int packetId,
      Message message,
      QoS qos,
      boolean retainFlag,
      TopicFilter via,
      List<Integer> subscriptionIds) {
    this.packetId = packetId;
    this.message = message;
    this.qos = qos;
    this.retainFlag = retainFlag;
    this.via = via;
    this.subscriptionIds = subscriptionIds;
    this.state = qos == QoS.AT_LEAST_ONCE ? State.AWAITING_PUBACK : State.AWAITING_PUBREC;
  }
}
