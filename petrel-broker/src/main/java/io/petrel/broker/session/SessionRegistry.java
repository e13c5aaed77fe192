package io.petrel.broker.session;

import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import io.petrel.broker.observe.BrokerCounters;
import io.petrel.broker.routing.Message;
import io.petrel.broker.routing.PublishRouter;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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

  public SessionRegistry(SessionSettings settings, PublishRouter router, BrokerCounters counters) {
    this.settings = settings;
    this.router = router;
    this.counters = counters;
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
      boolean cleanStart,
      Optional<Message> will,
      Consumer<Session> onAttached) {
    EventExecutor preferred = channel.eventLoop();
    Session session =
        sessions.computeIfAbsent(
            clientId, id -> new Session(id, preferred, settings, router, this, counters));
    session.execute(
        () -> {
          if (session.attach(connection, cleanStart, will)) {
            onAttached.accept(session);
          } else {
            // The session ended between lookup and attach: start over with a fresh one.
            attach(clientId, channel, connection, cleanStart, will, onAttached);
          }
        });
  }

  void remove(String clientId, Session session) {
    sessions.remove(clientId, session);
  }

  public Optional<Session> find(String clientId) {
    return Optional.ofNullable(sessions.get(clientId));
  }

  public int size() {
    return sessions.size();
  }
}
