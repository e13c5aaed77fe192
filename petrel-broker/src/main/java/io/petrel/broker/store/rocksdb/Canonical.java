package io.petrel.broker.store.rocksdb;

import io.petrel.codec.TopicName;
import io.petrel.codec.WildcardSyntax;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One instance of each equal value read while the store is loaded at start-up. A million queued
 * messages are mostly a handful of topics, client ids, subscription filters and publishers, and
 * without this every stored record would bring its own copies: about 330 of the 540 bytes of heap
 * each restored message took. Used by one thread, for one load, then dropped.
 */
final class Canonical {
  private final Map<String, String> strings = new HashMap<>();
  private final Map<String, TopicName> topics = new HashMap<>();
  private final Map<Set<String>, Set<String>> sets = new HashMap<>();
  private final WildcardSyntax syntax;

  Canonical(WildcardSyntax syntax) {
    this.syntax = syntax;
  }

  WildcardSyntax syntax() {
    return syntax;
  }

  String string(String s) {
    String known = strings.putIfAbsent(s, s);
    return known != null ? known : s;
  }

  TopicName topic(String name) {
    TopicName known = topics.get(name);
    if (known == null) {
      known = TopicName.of(name, syntax);
      topics.put(name, known);
    }
    return known;
  }

  /** The canonical set of what both canonical sets hold. */
  Set<String> union(Set<String> a, Set<String> b) {
    if (a.containsAll(b)) {
      return a;
    }
    Set<String> both = new HashSet<>(a);
    both.addAll(b);
    return set(both);
  }

  /** An immutable copy of {@code set}, shared with every equal set asked for before. */
  Set<String> set(Set<String> set) {
    Set<String> known = sets.get(set);
    if (known == null) {
      known = Set.copyOf(set);
      sets.put(known, known);
    }
    return known;
  }
}
