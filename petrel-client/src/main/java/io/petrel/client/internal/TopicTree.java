package io.petrel.client.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The client's subscriptions by filter, as a trie by level (literal, then {@code +}, then {@code
 * #}), to find every subscription a received message matches. One value per filter: subscribing the
 * same filter again replaces it, as on the broker [MQTT-3.8.4-3]. Not thread-safe: the client uses
 * it on its event loop only.
 *
 * @param <V> what is stored per filter
 */
public final class TopicTree<V> {
  private final Node<V> root = new Node<>();
  private int size;

  private static final class Node<V> {
    final Map<String, Node<V>> children = new HashMap<>();
    V value;

    boolean isEmpty() {
      return value == null && children.isEmpty();
    }
  }

  /**
   * Stores a value for a filter, replacing any earlier one.
   *
   * @param filter a valid topic filter, without a {@code $share/} prefix
   * @return the value it replaced, or null
   */
  public V put(String filter, V value) {
    Node<V> node = root;
    for (String level : filter.split("/", -1)) {
      node = node.children.computeIfAbsent(level, k -> new Node<>());
    }
    V old = node.value;
    node.value = value;
    if (old == null) {
      size++;
    }
    return old;
  }

  /**
   * The value stored for exactly this filter, or null.
   *
   * @param filter the filter
   */
  public V get(String filter) {
    Node<V> node = root;
    for (String level : filter.split("/", -1)) {
      node = node.children.get(level);
      if (node == null) {
        return null;
      }
    }
    return node.value;
  }

  /**
   * Removes the value of a filter and prunes empty branches.
   *
   * @return the removed value, or null if there was none
   */
  public V remove(String filter) {
    String[] levels = filter.split("/", -1);
    List<Node<V>> path = new ArrayList<>(levels.length + 1);
    Node<V> node = root;
    path.add(node);
    for (String level : levels) {
      node = node.children.get(level);
      if (node == null) {
        return null;
      }
      path.add(node);
    }
    V old = node.value;
    node.value = null;
    if (old != null) {
      size--;
    }
    for (int i = levels.length; i > 0 && path.get(i).isEmpty(); i--) {
      path.get(i - 1).children.remove(levels[i - 1]);
    }
    return old;
  }

  /** The number of filters stored. */
  public int size() {
    return size;
  }

  /**
   * Every value whose filter matches the topic, each once. A wildcard in the first level does not
   * match a topic starting with {@code $} [MQTT-4.7.2-1]; {@code a/#} matches {@code a}
   * [MQTT-4.7.1-2].
   *
   * @param topic a valid topic name
   */
  public List<V> match(String topic) {
    String[] levels = topic.split("/", -1);
    List<V> out = new ArrayList<>();
    match(root, levels, 0, topic.startsWith("$"), out);
    return out;
  }

  private void match(Node<V> node, String[] levels, int depth, boolean system, List<V> out) {
    boolean wildcardsAllowed = !(system && depth == 0);
    if (wildcardsAllowed) {
      Node<V> multi = node.children.get("#");
      if (multi != null && multi.value != null) {
        out.add(multi.value);
      }
    }
    if (depth == levels.length) {
      if (node.value != null) {
        out.add(node.value);
      }
      return;
    }
    Node<V> literal = node.children.get(levels[depth]);
    if (literal != null) {
      match(literal, levels, depth + 1, system, out);
    }
    if (wildcardsAllowed) {
      Node<V> single = node.children.get("+");
      if (single != null) {
        match(single, levels, depth + 1, system, out);
      }
    }
  }
}
