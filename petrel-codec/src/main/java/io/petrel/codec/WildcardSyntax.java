package io.petrel.codec;

/**
 * The characters that structure topics: the level separator and the single- and multi-level
 * wildcards. MQTT fixes them as {@code / + #}; a broker may let users choose others (as ActiveMQ
 * Artemis does), in which case the standard characters become ordinary ones.
 */
public record WildcardSyntax(char separator, char singleLevel, char multiLevel) {
  public static final WildcardSyntax DEFAULT = new WildcardSyntax('/', '+', '#');

  public WildcardSyntax {
    if (separator == singleLevel || separator == multiLevel || singleLevel == multiLevel) {
      throw new IllegalArgumentException(
          "separator, single-level and multi-level wildcard must be three different characters");
    }
  }

  public boolean isWildcard(char c) {
    return c == singleLevel || c == multiLevel;
  }
}
