package io.petrel.broker.store;

import io.petrel.broker.routing.Message;
import io.petrel.codec.QoS;
import io.petrel.codec.WildcardSyntax;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The QoS 1 and 2 messages the broker owes its persistent sessions, and the inbound QoS 2 packet
 * ids they hold, so that a restart or a crash loses nothing the broker acknowledged.
 *
 * <p>A message is stored once, with an entry per persistent session it goes to; the entries record
 * how far each delivery got (queued, sent with a packet id, released). Changes made on a thread
 * collect in that thread's batch; {@link #commit()} makes them durable, and callers commit before
 * they flush the acknowledgement or PUBLISH that depends on them (PUBACK and PUBREC to a publisher,
 * a QoS 2 PUBLISH or PUBREL to a subscriber): one commit then covers every change of a burst.
 *
 * <p>Implementations are safe for concurrent use from the broker's event-loop threads.
 */
public interface MessageStore {

  /** One session's delivery of a stored message, as {@link #store} records it. */
  record Target(
      String clientId, QoS qos, boolean retainFlag, String via, List<Integer> subscriptionIds) {}

  /** Where a stored delivery stands. */
  enum State {
    /** Waiting to be sent. */
    QUEUED,
    /** Sent with a packet id, not yet acknowledged (PUBACK, or PUBREC for QoS 2). */
    SENT,
    /** QoS 2: PUBREC received and PUBREL sent, waiting for PUBCOMP. */
    RELEASED
  }

  /** A stored delivery read back at start-up. */
  record Entry(
      long messageId,
      Message message,
      QoS qos,
      boolean retainFlag,
      String via,
      List<Integer> subscriptionIds,
      State state,
      int packetId) {}

  /** A new id for a message about to be stored; ids grow in the order they are handed out. */
  long nextId();

  /** Stores a message once, with an entry (queued) for each persistent session it goes to. */
  void store(long messageId, Message message, List<Target> targets);

  /** The session sent the message with this packet id. */
  void sent(String clientId, long messageId, int packetId);

  /** QoS 2: the session received PUBREC and sent PUBREL. */
  void released(String clientId, long messageId, int packetId);

  /** The delivery is over (acknowledged, dropped or expired): its entry goes. */
  void remove(String clientId, long messageId);

  /** The session ended: all its entries and inbound packet ids go. */
  void removeAll(String clientId);

  /** A QoS 2 message from the client was routed and its packet id awaits PUBREL. */
  void inboundQos2(String clientId, int packetId);

  /** PUBREL arrived: the packet id is free again. */
  void inboundQos2Released(String clientId, int packetId);

  /** Every session's stored deliveries, each list in message id order; read once at start-up. */
  Map<String, List<Entry>> loadEntries(WildcardSyntax syntax);

  /** Every session's inbound QoS 2 packet ids awaiting PUBREL; read once at start-up. */
  Map<String, Set<Integer>> loadInboundQos2();

  /**
   * Makes the calling thread's changes durable, as the durability mode says, then runs what was
   * waiting for that ({@link #afterCommit}).
   */
  void commit();

  /**
   * Runs {@code action} on this thread right after its next {@link #commit()}, at once if nothing
   * waits to be committed. The router hands a stored message to the sessions this way, so that no
   * subscriber receives a QoS 2 message that a crash could make its publisher send again.
   */
  void afterCommit(Runnable action);

  /** A store that keeps nothing: no session outlives the process. */
  MessageStore NONE = new NoMessageStore();
}
