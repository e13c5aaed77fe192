package io.petrel.broker.subscription;

import io.petrel.codec.TopicFilter;
import io.petrel.codec.TopicName;
import io.petrel.codec.WildcardSyntax;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Who is subscribed to what: a trie by topic level. Each node has its literal children, then one
 * single-level wildcard child, then the subscribers whose filter ends with the multi-level wildcard
 * right below it, so that {@code a/#} lives on node {@code a} and matches {@code a} itself
 * [MQTT-4.7.1-2].
 *
 * <p>Concurrency: {@link #match} runs on many event-loop threads at once and takes no lock; it sees
 * every subscription whose put finished before the match began and none whose remove did, and may
 * or may not see those racing with it. Writers ({@link #put}, {@link #remove}) take one lock among
 * themselves. Subscribing is rare next to publishing, and a single writer at a time is what makes
 * pruning simple: a node is cut only when it is empty under the lock, so a put can never land in a
 * node that a concurrent remove is cutting away.
 *
 * <p>Shared subscriptions ({@code $share/group/filter}) live in a second tree of this class, with
 * the group in the place of a client (the router's {@code SharedGroups}): a client may hold both a
 * shared and a plain subscription to one filter, and the plain tree stays as fast as before.
 *
 * @param <S> what is stored per subscription (the session handle, granted QoS, options)
 */
public final class SubscriptionTree<S> {
  /** Receives the matches of a topic, once per matching (client, filter) pair. */
  @FunctionalInterface
  public interface Visitor<S> {
    void visit(String clientId, S subscription);
  }

  private final WildcardSyntax syntax;
  private final TrieNode<S> root = TrieNode.root();
  private final Object writeLock = new Object();
  private volatile int size; // written only under writeLock; volatile so size() needs no lock

  public SubscriptionTree(WildcardSyntax syntax) {
    this.syntax = Objects.requireNonNull(syntax, "syntax");
  }

  /**
   * Adds the client's subscription to exactly this filter, or replaces the one it had.
   *
   * @return the replaced subscription; empty when the subscription is new (which MQTT 5 retain
   *     handling 1 needs to know)
   */
  public Optional<S> put(TopicFilter filter, String clientId, S subscription) {
    requireOwnSyntax(filter);
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(subscription, "subscription");
    String f = filter.value();
    boolean multi = endsWithMultiLevel(f);
    synchronized (writeLock) {
      Optional<S> previous = descend(f, multi, true).put(multi, clientId, subscription);
      if (previous.isEmpty()) {
        size++;
      }
      return previous;
    }
  }

  /**
   * Removes the client's subscription to exactly this filter and cuts the nodes it leaves empty.
   *
   * @return the removed subscription; empty if the client had none to this filter
   */
  public Optional<S> remove(TopicFilter filter, String clientId) {
    requireOwnSyntax(filter);
    Objects.requireNonNull(clientId, "clientId");
    String f = filter.value();
    boolean multi = endsWithMultiLevel(f);
    synchronized (writeLock) {
      TrieNode<S> node = descend(f, multi, false);
      if (node == null) {
        return Optional.empty();
      }
      Optional<S> removed = node.remove(multi, clientId);
      if (removed.isPresent()) {
        size--;
        for (; node.isPrunable(); node = node.parent) {
          node.detach();
        }
      }
      return removed;
    }
  }

  /**
   * Calls the visitor once for every (client, filter) pair whose filter matches the topic. A client
   * with overlapping subscriptions is visited once per matching filter; the router merges them.
   * Lock-free; allocates a little per call and nothing per level unless wildcards branch.
   */
  public void match(TopicName topic, Visitor<S> visitor) {
    String t = topic.value();
    char separator = syntax.separator();
    BiConsumer<String, S> action = visitor::visit;
    LevelKey key = new LevelKey(t);
    Branches<S> branches = null;
    TrieNode<S> node = root;
    int start = 0; // where the next level begins; past the end once every level has matched
    // A filter starting with a wildcard does not match a topic starting with '$' [MQTT-4.7.2-1].
    boolean wildcards = !topic.isSystemTopic();
    while (true) {
      if (wildcards) {
        node.visitMultiLevel(action); // '#' also matches the parent level [MQTT-4.7.1-2]
      }
      TrieNode<S> next = null;
      int nextStart = 0;
      if (start > t.length()) {
        node.visitExact(action);
      } else {
        int end = t.indexOf(separator, start);
        if (end < 0) {
          end = t.length();
        }
        nextStart = end + 1;
        next = node.literalChild(key.of(start, end));
        // '+' matches exactly one level, an empty one too [MQTT-4.7.1-3].
        TrieNode<S> single = wildcards ? node.singleLevelChild() : null;
        if (next == null) {
          next = single;
        } else if (single != null) {
          branches = Branches.push(branches, single, nextStart);
        }
      }
      wildcards = true;
      if (next != null) {
        node = next;
        start = nextStart;
      } else if (branches != null && branches.size > 0) {
        node = branches.topNode();
        start = branches.pop();
      } else {
        return;
      }
    }
  }

  /** The number of (filter, client) subscriptions. */
  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** Nodes in the tree, the root included; for tests of pruning. */
  int nodeCount() {
    synchronized (writeLock) {
      return root.countNodes();
    }
  }

  /**
   * The node for the filter's levels, without a trailing multi-level wildcard; null if absent and
   * not asked to create.
   */
  private TrieNode<S> descend(String f, boolean multi, boolean create) {
    TrieNode<S> node = root;
    int pathEnd = multi ? f.length() - 2 : f.length(); // "a/#" -> "a", "/#" -> "", "#" -> none
    if (pathEnd < 0) {
      return node;
    }
    for (int start = 0; ; ) {
      int end = f.indexOf(syntax.separator(), start);
      if (end < 0 || end > pathEnd) {
        end = pathEnd;
      }
      if (end - start == 1 && f.charAt(start) == syntax.singleLevel()) {
        node = create ? node.singleLevelChildOrCreate() : node.singleLevelChild();
      } else {
        String level = f.substring(start, end);
        node = create ? node.literalChildOrCreate(level) : node.literalChild(level);
      }
      if (node == null || end == pathEnd) {
        return node;
      }
      start = end + 1;
    }
  }

  /** The filter was validated, so a trailing multi-level wildcard stands alone in its level. */
  private boolean endsWithMultiLevel(String f) {
    return f.charAt(f.length() - 1) == syntax.multiLevel();
  }

  private void requireOwnSyntax(TopicFilter filter) {
    if (!filter.syntax().equals(syntax)) {
      throw new IllegalArgumentException(
          "filter '" + filter + "' uses " + filter.syntax() + " but this tree uses " + syntax);
    }
  }

  /** Single-level branches not yet walked: the only per-match state that grows with the topic. */
  private static final class Branches<S> {
    private Object[] nodes = new Object[8];
    private int[] starts = new int[8];
    private int size;

    static <S> Branches<S> push(Branches<S> branches, TrieNode<S> node, int start) {
      Branches<S> b = branches == null ? new Branches<>() : branches;
      if (b.size == b.nodes.length) {
        b.nodes = Arrays.copyOf(b.nodes, b.size * 2);
        b.starts = Arrays.copyOf(b.starts, b.size * 2);
      }
      b.nodes[b.size] = node;
      b.starts[b.size] = start;
      b.size++;
      return b;
    }

    @SuppressWarnings("unchecked")
    TrieNode<S> topNode() {
      return (TrieNode<S>) nodes[size - 1];
    }

    int pop() {
      size--;
      nodes[size] = null;
      return starts[size];
    }
  }
}
