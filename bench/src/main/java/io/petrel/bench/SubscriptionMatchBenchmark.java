package io.petrel.bench;

import io.petrel.broker.subscription.SubscriptionTree;
import io.petrel.codec.TopicFilter;
import io.petrel.codec.TopicName;
import io.petrel.codec.WildcardSyntax;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Match throughput of {@link SubscriptionTree} holding 100,000 subscriptions shaped like a fleet of
 * sensors: per-device literals, per-site dashboards with wildcards, per-site archivers with '#', a
 * cross-site '+' per device number, and a few clients on '#'. Topics cycle through 4,096
 * precomputed names so that one hot path does not flatter the numbers.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class SubscriptionMatchBenchmark {
  static final int SITES = 1_000;
  static final int DEVICES_PER_SITE = 80;
  static final int DASHBOARDS_PER_SITE = 10;
  static final int ARCHIVERS_PER_SITE = 9;
  static final int DEVICE_WATCHERS = 99;
  static final int WATCHERS_PER_DEVICE = 10;
  static final int EVERYTHING = 10;
  static final int TOPICS = 4_096; // a power of two, for the index mask

  /** What the broker will store per subscription, roughly. */
  public record Subscription(String clientId, int qos) {}

  @State(Scope.Benchmark)
  public static class Tree {
    final SubscriptionTree<Subscription> tree = new SubscriptionTree<>(WildcardSyntax.DEFAULT);

    @Setup(Level.Trial)
    public void subscribe() {
      for (int n = 0; n < SITES; n++) {
        for (int m = 0; m < DEVICES_PER_SITE; m++) {
          put("site/" + n + "/device/" + m + "/temp", "dev-" + n + "-" + m); // 80,000
        }
        for (int k = 0; k < DASHBOARDS_PER_SITE; k++) {
          put("site/" + n + "/+/+/temp", "dash-" + n + "-" + k); // 10,000
        }
        for (int k = 0; k < ARCHIVERS_PER_SITE; k++) {
          put("site/" + n + "/#", "arch-" + n + "-" + k); // 9,000
        }
      }
      for (int m = 0; m < DEVICE_WATCHERS; m++) {
        for (int k = 0; k < WATCHERS_PER_DEVICE; k++) {
          put("site/+/device/" + m + "/+", "watch-" + m + "-" + k); // 990
        }
      }
      for (int k = 0; k < EVERYTHING; k++) {
        put("#", "all-" + k); // 10
      }
      if (tree.size() != 100_000) {
        throw new IllegalStateException("expected 100,000 subscriptions, have " + tree.size());
      }
    }

    private void put(String filter, String clientId) {
      tree.put(TopicFilter.of(filter), clientId, new Subscription(clientId, 1));
    }
  }

  /** Per-thread topics and a visitor that touches what it is given. */
  @State(Scope.Thread)
  public static class Topics {
    final TopicName[] deviceTemperatures = new TopicName[TOPICS];
    final TopicName[] systemTopics = new TopicName[TOPICS];
    final TopicName[] unrelated = new TopicName[TOPICS];
    final Counter counter = new Counter();
    int next;

    @Setup(Level.Trial)
    public void pickTopics() {
      Random random = new Random(42);
      for (int i = 0; i < TOPICS; i++) {
        int n = random.nextInt(SITES);
        int m = random.nextInt(DEVICES_PER_SITE);
        deviceTemperatures[i] = TopicName.of("site/" + n + "/device/" + m + "/temp");
        systemTopics[i] = TopicName.of("$SYS/site/" + n + "/device/" + m + "/temp");
        unrelated[i] = TopicName.of("plant/" + n + "/line/" + m + "/speed");
      }
    }

    int next() {
      return next++ & (TOPICS - 1);
    }
  }

  static final class Counter implements SubscriptionTree.Visitor<Subscription> {
    int matches;
    int qos;

    @Override
    public void visit(String clientId, Subscription subscription) {
      matches++;
      qos += subscription.qos();
    }

    int reset() {
      int m = matches + qos;
      matches = 0;
      qos = 0;
      return m;
    }
  }

  /** 40 matches: the device, 10 dashboards, 9 archivers, 10 device watchers, 10 on '#'. */
  @Benchmark
  public int deviceTopicWithFortyMatches(Tree tree, Topics topics) {
    tree.tree.match(topics.deviceTemperatures[topics.next()], topics.counter);
    return topics.counter.reset();
  }

  /** No match: a '$' topic, which the '#' subscribers must not see [MQTT-4.7.2-1]. */
  @Benchmark
  public int systemTopicWithNoMatch(Tree tree, Topics topics) {
    tree.tree.match(topics.systemTopics[topics.next()], topics.counter);
    return topics.counter.reset();
  }

  /** 10 matches, all on '#': the literal walk stops at the first level. */
  @Benchmark
  public int unrelatedTopicMatchedOnlyByHash(Tree tree, Topics topics) {
    tree.tree.match(topics.unrelated[topics.next()], topics.counter);
    return topics.counter.reset();
  }
}
