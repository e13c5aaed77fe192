package io.petrel.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.petrel.codec.TopicFilter;
import io.petrel.codec.TopicName;
import io.petrel.codec.WildcardSyntax;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Does the tree stay exact while writers on several threads subscribe and unsubscribe the same few
 * filters (so nodes are pruned and re-created all the time) and readers match concurrently? Each
 * writer owns its clients, so it knows exactly what each of its put and remove calls must return: a
 * put lost to a concurrent prune shows up as a wrong answer on that writer's next call for the
 * filter, or in the final comparison.
 */
class SubscriptionTreeConcurrencyTest {
  private static final List<String> FILTERS =
      List.of("a", "a/b", "a/b/c", "a/+/c", "a/#", "+/b", "#", "a/b/c/d", "+/+/c/d", "x/y", "/a");
  private static final List<String> TOPICS =
      List.of("a", "a/b", "a/b/c", "a/x/c", "a/b/c/d", "x/y", "x/b", "/a", "q");
  private static final int WRITERS = 4;
  private static final int READERS = 2;
  private static final int OPERATIONS = 20_000;

  private final ExecutorService threads = Executors.newFixedThreadPool(WRITERS + READERS);

  @AfterEach
  void stopThreads() throws InterruptedException {
    threads.shutdownNow();
    assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @RepeatedTest(4) // each repetition seeds its writers differently
  void noPutIsLostToAConcurrentPruneAndReadersOnlySeeMatchingFilters(RepetitionInfo repetition)
      throws Exception {
    long seed = 1000L * repetition.getCurrentRepetition();
    SubscriptionTree<String> tree = new SubscriptionTree<>(WildcardSyntax.DEFAULT);
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch writersDone = new CountDownLatch(WRITERS);

    List<Future<Map<String, String>>> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      writers.add(threads.submit(() -> write(tree, writer, seed + writer, start, writersDone)));
    }
    List<Future<Long>> readers = new ArrayList<>();
    for (int r = 0; r < READERS; r++) {
      int reader = r;
      readers.add(threads.submit(() -> read(tree, seed + 100 + reader, start, writersDone)));
    }
    start.countDown();

    Map<String, String> expected = new HashMap<>(); // "client filter" -> stored value
    for (Future<Map<String, String>> writer : writers) {
      expected.putAll(writer.get(60, TimeUnit.SECONDS));
    }
    for (Future<Long> reader : readers) {
      assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
    }

    assertThat(tree.size()).isEqualTo(expected.size());
    for (String t : TOPICS) {
      TopicName topic = TopicName.of(t);
      List<String> want = new ArrayList<>();
      expected.forEach(
          (key, value) -> {
            if (TopicFilter.of(filterOf(value)).matches(topic)) {
              want.add(key.split(" ")[0] + " " + value);
            }
          });
      assertThat(SubscriptionTreeTest.matches(tree, topic))
          .as("topic %s", t)
          .containsExactlyInAnyOrderElementsOf(want);
    }

    expected.keySet().forEach(key -> removeByKey(tree, key));
    assertThat(tree.isEmpty()).isTrue();
    assertThat(tree.nodeCount()).isEqualTo(1);
  }

  /** Random puts and removes for this writer's own clients; returns what it left subscribed. */
  private static Map<String, String> write(
      SubscriptionTree<String> tree,
      int writer,
      long seed,
      CountDownLatch start,
      CountDownLatch done)
      throws InterruptedException {
    try {
      Random random = new Random(seed);
      Map<String, String> model = new HashMap<>();
      start.await();
      for (int op = 0; op < OPERATIONS; op++) {
        String filter = FILTERS.get(random.nextInt(FILTERS.size()));
        String client = "w" + writer + "-" + random.nextInt(3);
        String key = client + " " + filter;
        if (random.nextBoolean()) {
          String value = filter + " " + op; // unique, so a stale answer cannot pass
          Optional<String> previous = tree.put(TopicFilter.of(filter), client, value);
          assertThat(previous).as("put %s", key).isEqualTo(Optional.ofNullable(model.get(key)));
          model.put(key, value);
        } else {
          Optional<String> removed = tree.remove(TopicFilter.of(filter), client);
          assertThat(removed).as("remove %s", key).isEqualTo(Optional.ofNullable(model.get(key)));
          model.remove(key);
        }
      }
      return model;
    } finally {
      done.countDown();
    }
  }

  /** Matches until the writers finish; every visit must be a filter that matches. */
  private static long read(
      SubscriptionTree<String> tree, long seed, CountDownLatch start, CountDownLatch writersDone)
      throws InterruptedException {
    Random random = new Random(seed);
    long matches = 0;
    start.await();
    while (writersDone.getCount() > 0) {
      TopicName topic = TopicName.of(TOPICS.get(random.nextInt(TOPICS.size())));
      for (String visit : SubscriptionTreeTest.matches(tree, topic)) {
        String value = visit.substring(visit.indexOf(' ') + 1);
        assertThat(TopicFilter.of(filterOf(value)).matches(topic)).as(visit).isTrue();
      }
      matches++;
    }
    return matches;
  }

  private static String filterOf(String value) {
    return value.substring(0, value.indexOf(' '));
  }

  private static void removeByKey(SubscriptionTree<String> tree, String key) {
    int space = key.indexOf(' ');
    assertThat(tree.remove(TopicFilter.of(key.substring(space + 1)), key.substring(0, space)))
        .isPresent();
  }
}
