package io.petrel.cli.bench;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine;

/**
 * What a bench run connects and who hears whom. Publisher {@code i} publishes to {@code <topic>/i};
 * each scenario says how many publishers and subscribers {@code --clients} makes and which filter
 * each subscriber takes, so loss can be counted per publisher and subscriber.
 */
enum Scenario {
  /** Many publishers, one subscriber on {@code <topic>/+}: the broker's routing fan-in. */
  FAN_IN("fan-in", 8),
  /** One publisher, many subscribers on its topic: the broker's copy and write fan-out. */
  FAN_OUT("fan-out", 50),
  /** Publisher i to subscriber i on topic i: many independent flows. */
  PAIRS("pairs", 8),
  /** Pairs at a fixed total rate (10,000/s by default): latency below saturation. */
  LATENCY("latency", 1),
  /** Publishers only: ingress throughput with no subscriber, e.g. for another sub run. */
  PUB("pub", 8),
  /** Subscribers only, on {@code <topic>/#}: receives what another publisher sends. */
  SUB("sub", 1),
  /** Opens connections at --connect-rate, holds them idle, reports connect rate and failures. */
  CONN("conn", 1_000);

  private final String cliName;
  private final int defaultClients;

  Scenario(String cliName, int defaultClients) {
    this.cliName = cliName;
    this.defaultClients = defaultClients;
  }

  String cliName() {
    return cliName;
  }

  int defaultClients() {
    return defaultClients;
  }

  /** The total rate when --rate is not given; 0 is as fast as the broker takes. */
  int defaultRate() {
    return this == LATENCY ? 10_000 : 0;
  }

  int publishers(int clients) {
    return switch (this) {
      case FAN_OUT -> 1;
      case SUB, CONN -> 0;
      default -> clients;
    };
  }

  int subscribers(int clients) {
    return switch (this) {
      case FAN_IN -> 1;
      case PUB, CONN -> 0;
      default -> clients;
    };
  }

  static String publishTopic(String prefix, int publisher) {
    return prefix + "/" + publisher;
  }

  String subscribeFilter(String prefix, int subscriber) {
    return switch (this) {
      case FAN_IN -> prefix + "/+";
      case FAN_OUT -> publishTopic(prefix, 0);
      case PAIRS, LATENCY -> publishTopic(prefix, subscriber);
      default -> prefix + "/#";
    };
  }

  /** Whether a subscriber receives a publisher's messages, i.e. should count them as expected. */
  boolean hears(int subscriber, int publisher) {
    return switch (this) {
      case PAIRS, LATENCY -> subscriber == publisher;
      default -> true;
    };
  }

  /** Accepts the names the help lists ({@code fan-in}), in any case. */
  static final class Converter implements CommandLine.ITypeConverter<Scenario> {
    @Override
    public Scenario convert(String value) {
      for (Scenario s : values()) {
        if (s.cliName.equalsIgnoreCase(value) || s.name().equalsIgnoreCase(value)) {
          return s;
        }
      }
      throw new CommandLine.TypeConversionException(
          "unknown scenario '" + value + "' (one of " + String.join(", ", new Names()) + ")");
    }
  }

  /** For the help's list of scenarios. */
  static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(values()).map(s -> s.cliName.toLowerCase(Locale.ROOT)).iterator();
    }
  }
}
