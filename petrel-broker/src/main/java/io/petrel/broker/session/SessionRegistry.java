package io.petrel.broker.session;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.petrel.broker.observe.BrokerCounters;
import io.petrel.broker.routing.PublishRouter;
import io.petrel.broker.store.MessageStore;
import io.petrel.broker.store.SessionStore;
import io.petrel.broker.store.StoredSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * All sessions by client id. Claiming a client id and taking over its session happens on the
 * session's own thread, so two connections racing for one id are handled in order.
 */
public final class SessionRegistry {
  private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
  private final SessionSettings settings;
  private final PublishRouter router;
  private final BrokerCounters counters;
  private final SessionStore store;
  private final MessageStore messages;

  public SessionRegistry(
      SessionSettings settings,
      PublishRouter router,
      BrokerCounters counters,
      SessionStore store,
      MessageStore messages) {
    this.messages = messages;
    this.settings = settings;
    this.router = router;
    this.counters = counters;
    this.store = store;
  }

  /**
   * Brings back the stored persistent sessions, offline, each on a thread of the group. Call before
   * the listeners open.
   *
   * @return how many sessions were restored
   */
  public int restore(EventLoopGroup loops) {
    int count = 0;
    long now = System.currentTimeMillis();
    Map<String, List<MessageStore.Entry>> entries = messages.loadEntries(router.syntax());
    Map<String, Set<Integer>> inbound = messages.loadInboundQos2();
    List<Future<?>> restoring = new ArrayList<>();
    for (StoredSession stored : store.load()) {
      Session session =
          new Session(
              stored.clientId(), loops.next(), settings, router, this, counters, store, messages);
      sessions.put(stored.clientId(), session);
      restoring.add(
          session.restore(
              stored,
              now,
              entries.getOrDefault(stored.clientId(), List.of()),
              inbound.getOrDefault(stored.clientId(), Set.of())));
      count++;
    }
    for (Future<?> f : restoring) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while restoring sessions", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("restoring a session failed", e.getCause());
      }
    }
    // Wills last: every subscriber is back by now.
    sessions.values().forEach(Session::releaseRestoredWill);
    return count;
  }

  /**
   * Attaches a connection to the session of its client id, creating the session if there is none
   * (on the connection's own event loop, so a new client's session and socket share a thread).
   * Calls {@code onAttached} on the session's thread with the session, after which the caller
   * writes CONNACK and calls {@link Session#resume}.
   */
  public void attach(
      String clientId,
      Channel channel,
      SessionConnection connection,
      SessionTerms terms,
      Consumer<Session> onAttached) {
    EventExecutor preferred = channel.eventLoop();
    Session session =
        sessions.computeIfAbsent(
            clientId,
            id -> new Session(id, preferred, settings, router, this, counters, store, messages));
    session.execute(
        () -> {
          if (session.attach(connection, terms)) {
            onAttached.accept(session);
          } else {
            // The session ended between lookup and attach: start over with a fresh one.
            attach(clientId, channel, connection, terms, onAttached);
          }
        });
  }

  void remove(String clientId, Session session) {
    sessions.remove(clientId, session);
  }

  public int size() {
    return sessions.size();
  }
}
