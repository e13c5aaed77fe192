package io.petrel.broker.subscription;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * One level of the subscription tree. Readers walk nodes without locks; only writers holding the
 * tree's write lock change them. The maps are created on first use because most nodes are leaves
 * and an empty {@link ConcurrentHashMap} still costs about 64 bytes; once created they stay, so a
 * reader that saw one keeps seeing a live map.
 */
final class TrieNode<S> {
  /** The parent, or null for the root. */
  final TrieNode<S> parent;

  /** This node's level in its parent's literal children, or null for a single-level child. */
  final String level;

  private volatile ConcurrentHashMap<String, TrieNode<S>> children;
  private volatile TrieNode<S> singleLevel;

  /** Subscribers whose filter ends at this node. */
  private volatile ConcurrentHashMap<String, S> exact;

  /** Subscribers whose filter ends with a multi-level wildcard right below this node. */
  private volatile ConcurrentHashMap<String, S> multiLevel;

  private TrieNode(TrieNode<S> parent, String level) {
    this.parent = parent;
    this.level = level;
  }

  static <S> TrieNode<S> root() {
    return new TrieNode<>(null, null);
  }

  // ---- read side: lock-free ----

  /** The literal child for a level; {@code key} is a String or a {@link LevelKey}. */
  TrieNode<S> literalChild(Object key) {
    Map<String, TrieNode<S>> c = children;
    return c == null ? null : c.get(key);
  }

  TrieNode<S> singleLevelChild() {
    return singleLevel;
  }

  void visitExact(BiConsumer<String, S> action) {
    visit(exact, action);
  }

  void visitMultiLevel(BiConsumer<String, S> action) {
    visit(multiLevel, action);
  }

  private static <S> void visit(ConcurrentHashMap<String, S> subscribers, BiConsumer<String, S> a) {
    if (subscribers != null && !subscribers.isEmpty()) {
      subscribers.forEach(a); // no allocation per entry, unlike iterating entrySet()
    }
  }

  // ---- write side: callers hold the tree's write lock ----

  TrieNode<S> literalChildOrCreate(String key) {
    ConcurrentHashMap<String, TrieNode<S>> c = children;
    if (c == null) {
      c = new ConcurrentHashMap<>(4);
      children = c;
    }
    return c.computeIfAbsent(key, k -> new TrieNode<>(this, k));
  }

  TrieNode<S> singleLevelChildOrCreate() {
    TrieNode<S> s = singleLevel;
    if (s == null) {
      s = new TrieNode<>(this, null);
      singleLevel = s;
    }
    return s;
  }

  Optional<S> put(boolean multi, String clientId, S subscription) {
    ConcurrentHashMap<String, S> m = multi ? multiLevel : exact;
    if (m == null) {
      m = new ConcurrentHashMap<>(2);
      if (multi) {
        multiLevel = m;
      } else {
        exact = m;
      }
    }
    return Optional.ofNullable(m.put(clientId, subscription));
  }

  Optional<S> remove(boolean multi, String clientId) {
    ConcurrentHashMap<String, S> m = multi ? multiLevel : exact;
    return m == null ? Optional.empty() : Optional.ofNullable(m.remove(clientId));
  }

  /** Whether this node holds nothing and can be cut from its parent. */
  boolean isPrunable() {
    return parent != null
        && singleLevel == null
        && isEmpty(children)
        && isEmpty(exact)
        && isEmpty(multiLevel);
  }

  /**
   * Cuts this node from its parent. A reader already inside it finds it empty, which is what it
   * would have seen a moment later anyway.
   */
  void detach() {
    if (level == null) {
      parent.singleLevel = null;
    } else {
      parent.children.remove(level, this);
    }
  }

  /** Nodes in this subtree, this one included; for tests. */
  int countNodes() {
    int n = 1;
    ConcurrentHashMap<String, TrieNode<S>> c = children;
    if (c != null) {
      for (TrieNode<S> child : c.values()) {
        n += child.countNodes();
      }
    }
    TrieNode<S> s = singleLevel;
    return s == null ? n : n + s.countNodes();
  }

  private static boolean isEmpty(Map<?, ?> m) {
    return m == null || m.isEmpty();
  }
}
