package io.petrel.broker.subscription;

/**
 * A view of one level of a topic, used to look up a child node without cutting the level out as a
 * new String on the publish path. The tree's maps are keyed by String; this view hashes like a
 * String and equals a String with the same characters. The equality is deliberately one-sided (a
 * String never equals a view), which is enough because {@link java.util.Map#get} is specified to
 * call {@code key.equals(k)} on the key it is given. A view is mutable: one per match, never stored
 * in a map.
 */
final class LevelKey {
  private final String topic;
  private int start;
  private int end;
  private int hash;

  LevelKey(String topic) {
    this.topic = topic;
  }

  /** Points the view at {@code topic[start, end)}. */
  LevelKey of(int start, int end) {
    this.start = start;
    this.end = end;
    int h = 0;
    for (int i = start; i < end; i++) {
      h = 31 * h + topic.charAt(i); // String.hashCode's definition
    }
    this.hash = h;
    return this;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof String s
        && s.length() == end - start
        && topic.regionMatches(start, s, 0, end - start);
  }

  @Override
  public String toString() {
    return topic.substring(start, end);
  }
}
