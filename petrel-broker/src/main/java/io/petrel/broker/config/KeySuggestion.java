package io.petrel.broker.config;

import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The known key a misspelt one was probably meant to be, if one is close enough. */
final class KeySuggestion {
  private static final int MAX_DISTANCE = 2;

  private KeySuggestion() {}

  static Optional<String> nearest(String key, Set<String> known) {
    String lower = key.toLowerCase(Locale.ROOT);
    return known.stream()
        .map(k -> new Candidate(k, distance(lower, k)))
        .filter(c -> c.distance() <= MAX_DISTANCE)
        .min(Comparator.comparingInt(Candidate::distance).thenComparing(Candidate::key))
        .map(Candidate::key);
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private record Candidate(String key, int distance) {}
}
