package io.petrel.broker.routing;

import io.petrel.broker.config.SharedSubscriptionStrategy;
import io.petrel.broker.retain.RetainedMessageStore;
import io.petrel.broker.store.MessageStore;
import io.petrel.broker.subscription.SharedFilter;
import io.petrel.broker.subscription.SubscriptionTree;
import io.petrel.codec.QoS;
import io.petrel.codec.SubscriptionOptions;
import io.petrel.codec.TopicFilter;
import io.petrel.codec.WildcardSyntax;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The one place that knows who is subscribed: every publish goes through {@link #publish}, which
 * updates the retained store, matches the subscription tree and hands each matching session one
 * copy. A cluster can later forward to other nodes here without touching sessions or transports.
 * Safe to call from any session thread: the tree and the retained store are concurrent.
 */
public final class PublishRouter {
  private final MessageStore messages;
  private final SubscriptionTree<SubscriberEntry> tree;
  private final SharedGroups shared;
  private final RetainedMessageStore retained;
  private final boolean retainAvailable;
  private final WildcardSyntax syntax;
  // Null unless acl_file or client_classes is set: then one null check per delivery.
  private volatile ReadPermission reads;

  public PublishRouter(
      WildcardSyntax syntax,
      RetainedMessageStore retained,
      boolean retainAvailable,
      SharedSubscriptionStrategy sharedStrategy) {
    this(syntax, retained, retainAvailable, sharedStrategy, MessageStore.NONE);
  }

  public PublishRouter(
      WildcardSyntax syntax,
      RetainedMessageStore retained,
      boolean retainAvailable,
      SharedSubscriptionStrategy sharedStrategy,
      MessageStore messages) {
    this.messages = messages;
    this.tree = new SubscriptionTree<>(syntax);
    this.shared = new SharedGroups(syntax, sharedStrategy);
    this.retained = retained;
    this.retainAvailable = retainAvailable;
    this.syntax = syntax;
  }

  /**
   * Has every delivery, retained messages included, checked: a subscriber that may not read a topic
   * does not get its messages. Set before the broker takes connections.
   */
  public void checkReads(ReadPermission permission) {
    this.reads = permission;
  }

  public WildcardSyntax syntax() {
    return syntax;
  }

  /**
   * Routes a message to every matching subscriber and, if it is retained, stores it (or deletes the
   * topic's retained message when the payload is empty [MQTT-3.3.1-10]).
   *
   * @return how many sessions it was handed to
   */
  public int publish(Message message) {
    return publish(message, PublisherFlow.NONE);
  }

  /**
   * Routes a message read from a client's connection, which a subscriber that has fallen far behind
   * may hold back ({@link MessageSink#holdBack}).
   *
   * @return how many sessions it was handed to
   */
  public int publish(Message message, PublisherFlow publisher) {
    if (message.retain() && retainAvailable) {
      if (message.payload().isEmpty()) {
        retained.remove(message.topic()); // [MQTT-3.3.1-10], not stored [MQTT-3.3.1-11]
      } else {
        retained.put(message); // [MQTT-3.3.1-5]
      }
    }
    // A client with overlapping subscriptions gets one copy, at the highest granted QoS among the
    // matching ones (MQTT 3.1.1 section 3.3.5).
    MatchCollector matches = MatchCollector.acquire(message.publisherId());
    try {
      tree.match(message.topic(), matches);
      if (!shared.isEmpty()) {
        shared.match(message.topic(), matches.groupVisitor());
      }
      int count = matches.size();
      int sharedCount = matches.sharedSize();
      message.fanOut(count + sharedCount);
      if (message.qos() != QoS.AT_MOST_ONCE
          && storeForPersistentSessions(message, matches, count, sharedCount)) {
        // Handed over once the store has it (see MessageStore.afterCommit).
        Runnable handOver = deferredDeliveries(message, matches, count, sharedCount, publisher);
        messages.afterCommit(handOver);
        return count + sharedCount;
      }
      for (int i = 0; i < count; i++) {
        deliver(message, matches.get(i), matches.subscriptionIds(i), publisher);
      }
      // Each matching shared group's one member: a delivery apart from that client's ordinary
      // subscriptions, with only the shared subscription's identifier.
      for (int i = 0; i < sharedCount; i++) {
        SubscriberEntry member = matches.sharedPick(i);
        deliver(message, member, member.subscriptionIds(), publisher);
      }
      return count + sharedCount;
    } finally {
      matches.release();
    }
  }

  /**
   * Writes the message and an entry for each persistent session it goes to at QoS 1 or 2 into the
   * store, before any session sees it: the publisher's PUBACK or PUBREC is flushed only after the
   * store commits this thread's batch, so an acknowledged message survives a crash. Nothing is
   * allocated when no persistent session matches.
   */
  /** The deliveries of a message, copied out of the per-thread collector to run later. */
  private Runnable deferredDeliveries(
      Message message,
      MatchCollector matches,
      int count,
      int sharedCount,
      PublisherFlow publisher) {
    SubscriberEntry[] entries = new SubscriberEntry[count + sharedCount];
    List<List<Integer>> ids = new ArrayList<>(count + sharedCount);
    for (int i = 0; i < count + sharedCount; i++) {
      entries[i] = i < count ? matches.get(i) : matches.sharedPick(i - count);
      ids.add(i < count ? matches.subscriptionIds(i) : entries[i].subscriptionIds());
    }
    return () -> {
      for (int i = 0; i < entries.length; i++) {
        deliver(message, entries[i], ids.get(i), publisher);
      }
    };
  }

  /**
   * @return whether the message was stored for at least one persistent session
   */
  private boolean storeForPersistentSessions(
      Message message, MatchCollector matches, int count, int sharedCount) {
    List<MessageStore.Target> targets = null;
    for (int i = 0; i < count + sharedCount; i++) {
      SubscriberEntry entry = i < count ? matches.get(i) : matches.sharedPick(i - count);
      QoS qos = entry.qosFor(message.qos());
      if (qos == QoS.AT_MOST_ONCE || !entry.sink().isPersistent() || !mayRead(entry, message)) {
        continue;
      }
      if (targets == null) {
        targets = new ArrayList<>();
      }
      List<Integer> ids = i < count ? matches.subscriptionIds(i) : entry.subscriptionIds();
      targets.add(
          new MessageStore.Target(
              entry.sink().clientId(),
              qos,
              message.retain() && entry.options().retainAsPublished(),
              entry.filter().value(),
              ids));
    }
    if (targets == null) {
      return false;
    }
    long id = messages.nextId();
    messages.store(id, message, targets);
    Set<String> clients = new HashSet<>();
    for (MessageStore.Target t : targets) {
      clients.add(t.clientId());
    }
    message.markStored(id, clients);
    return true;
  }

  private boolean mayRead(SubscriberEntry entry, Message message) {
    ReadPermission permission = reads;
    return permission == null || permission.mayRead(entry.sink(), message.topic());
  }

  private void deliver(
      Message message, SubscriberEntry entry, List<Integer> ids, PublisherFlow publisher) {
    if (!mayRead(entry, message)) {
      return;
    }
    QoS qos = entry.qosFor(message.qos());
    boolean retainFlag = message.retain() && entry.options().retainAsPublished();
    MessageSink sink = entry.sink();
    sink.deliver(message, qos, entry.filter(), retainFlag, ids);
    // A client never holds itself back: it would stop reading its own acknowledgements.
    if (publisher != PublisherFlow.NONE
        && sink.isBehind()
        && !sink.clientId().equals(message.publisherId())) {
      sink.holdBack(publisher);
    }
  }

  /**
   * Adds or replaces a subscription; a {@code $share/{ShareName}/{filter}} filter joins the client
   * to that shared group. A subscription without an identifier replaces one that had an identifier,
   * which is thereby gone.
   *
   * @param subscriptionId the SUBSCRIBE's subscription identifier, if it had one
   * @return true if the client had no subscription to this exact filter before
   * @throws IllegalArgumentException if the filter is an invalid shared filter
   */
  public boolean subscribe(
      MessageSink sink,
      TopicFilter filter,
      SubscriptionOptions options,
      OptionalInt subscriptionId) {
    SubscriberEntry entry = new SubscriberEntry(sink, filter, options, subscriptionId);
    Optional<SharedFilter> sharedFilter = SharedFilter.parse(filter);
    if (sharedFilter.isPresent()) {
      return shared.join(sharedFilter.get(), entry);
    }
    return tree.put(filter, sink.clientId(), entry).isEmpty();
  }

  /**
   * Removes a subscription, or the client's membership of a shared group; true if there was one.
   */
  public boolean unsubscribe(String clientId, TopicFilter filter) {
    if (SharedFilter.isShared(filter)) {
      Optional<SharedFilter> sharedFilter;
      try {
        sharedFilter = SharedFilter.parse(filter);
      } catch (IllegalArgumentException notAGroup) {
        return false; // never subscribed: the SUBSCRIBE was refused
      }
      return shared.leave(sharedFilter.get(), clientId);
    }
    return tree.remove(filter, clientId).isPresent();
  }

  /**
   * Hands a message that a shared group gave {@code fromClientId} to another member of the group,
   * as a new delivery for that member (DUP 0, its granted QoS and identifier). Used when the first
   * member's connection or session ends before it took the message (MQTT 5.0 section 4.8.2).
   *
   * @param via the shared filter the message came through
   * @param onlineOnly whether only an online member may take it; otherwise an offline member's
   *     persistent session keeps it when no member is online
   * @return false if no other member could take it, and the caller keeps or drops it
   */
  public boolean redispatch(
      Message message, TopicFilter via, String fromClientId, boolean onlineOnly) {
    Optional<SharedFilter> sharedFilter = SharedFilter.parse(via);
    SharedGroup group = sharedFilter.map(shared::group).orElse(null);
    if (group == null) {
      return false;
    }
    SubscriberEntry member = group.pickOther(fromClientId, onlineOnly);
    if (member == null) {
      return false;
    }
    deliver(message, member, member.subscriptionIds(), PublisherFlow.NONE);
    return true;
  }

  /** The retained messages a new subscription of the sink to the filter receives. */
  public List<Message> retainedFor(TopicFilter filter, MessageSink sink) {
    if (!retainAvailable) {
      return List.of();
    }
    List<Message> matching = retained.matching(filter);
    ReadPermission permission = reads;
    if (permission == null) {
      return matching;
    }
    List<Message> readable = new ArrayList<>(matching.size());
    for (Message m : matching) {
      if (permission.mayRead(sink, m.topic())) {
        readable.add(m);
      }
    }
    return readable;
  }
}
