package io.petrel.broker.store;

import io.petrel.broker.routing.Message;
import io.petrel.codec.WildcardSyntax;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link MessageStore#NONE}: queued messages live in the sessions only, as with {@code durability
 * memory}. Ids are still handed out so that sessions treat every message alike.
 */
final class NoMessageStore implements MessageStore {
  private final AtomicLong ids = new AtomicLong();

  @Override
  public long nextId() {
    return ids.incrementAndGet();
  }

  @Override
  public void store(long messageId, Message message, List<Target> targets) {}

  @Override
  public void sent(String clientId, long messageId, int packetId) {}

  @Override
  public void released(String clientId, long messageId, int packetId) {}

  @Override
  public void remove(String clientId, long messageId) {}

  @Override
  public void removeAll(String clientId) {}

  @Override
  public void inboundQos2(String clientId, int packetId) {}

  @Override
  public void inboundQos2Released(String clientId, int packetId) {}

  @Override
  public Map<String, List<Entry>> loadEntries(WildcardSyntax syntax) {
    return Map.of();
  }

  @Override
  public Map<String, Set<Integer>> loadInboundQos2() {
    return Map.of();
  }

  @Override
  public void commit() {}

  @Override
  public void afterCommit(Runnable action) {
    action.run();
  }
}
