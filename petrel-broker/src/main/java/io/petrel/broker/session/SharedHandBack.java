package io.petrel.broker.session;

import io.petrel.broker.routing.Message;
import io.petrel.broker.routing.PublishRouter;
import io.petrel.broker.subscription.SharedFilter;
import java.util.function.Consumer;

/**
 * Gives back to their shared groups the messages a member was given and has not taken, so that
 * another member gets them (MQTT 5.0 section 4.8.2): the queued ones, and the QoS 1 ones sent and
 * not acknowledged. A QoS 2 message already sent stays with its member: the server must complete
 * that delivery when the client reconnects [MQTT-4.8.2-4] and must not send it to another client if
 * its session ends [MQTT-4.8.2-5]. Runs on the member session's thread.
 */
final class SharedHandBack {
  private SharedHandBack() {}

  /**
   * @param onlineOnly true when the member's connection closed but its session stays: a message
   *     moves only to an online member, else it waits here; false when the session ends, so any
   *     other member is better than none
   */
  static void handBack(
      String clientId,
      PublishRouter router,
      OutboundQueue queue,
      InflightWindow inflight,
      boolean onlineOnly,
      Consumer<Message> handedOver) {
    inflight.removeIf(
        m ->
            m.state == InflightMessage.State.AWAITING_PUBACK
                && SharedFilter.isShared(m.via)
                && handOver(
                    router.redispatch(m.message, m.via, clientId, onlineOnly),
                    m.message,
                    handedOver));
    queue.handOver(
        SharedFilter::isShared,
        (via, queued) ->
            handOver(
                router.redispatch(queued.message(), via, clientId, onlineOnly),
                queued.message(),
                handedOver));
  }

  private static boolean handOver(boolean taken, Message m, Consumer<Message> handedOver) {
    if (taken) {
      handedOver.accept(m);
    }
    return taken;
  }
}
