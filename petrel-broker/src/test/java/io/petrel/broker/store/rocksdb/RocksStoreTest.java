package io.petrel.broker.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.petrel.broker.routing.Message;
import io.petrel.broker.store.MessageStore;
import io.petrel.broker.store.StoredSession;
import io.petrel.broker.store.StoredSubscription;
import io.petrel.codec.Bytes;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.PropertyId;
import io.petrel.codec.QoS;
import io.petrel.codec.RetainHandling;
import io.petrel.codec.SubscriptionOptions;
import io.petrel.codec.TopicFilter;
import io.petrel.codec.TopicName;
import io.petrel.codec.WildcardSyntax;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksDB;

/** The RocksDB store across close and reopen, as after a restart. */
class RocksStoreTest {
  @TempDir Path dir;

  private RocksStore open() {
    return RocksStore.open(dir, RocksStore.Durability.SYNC, 100, WildcardSyntax.DEFAULT);
  }

  private static Message message(String topic, String payload, MqttProperties props) {
    return new Message(
        TopicName.of(topic, WildcardSyntax.DEFAULT),
        Bytes.wrap(payload.getBytes(StandardCharsets.UTF_8)),
        QoS.AT_LEAST_ONCE,
        true,
        props,
        "publisher-1");
  }

  @Test
  void sessionsAndSubscriptionsSurviveAReopen() {
    SubscriptionOptions v5 =
        new SubscriptionOptions(QoS.EXACTLY_ONCE, true, true, RetainHandling.DO_NOT_SEND);
    try (RocksStore store = open()) {
      var sessions = store.stores().sessions();
      sessions.createSession("alice", 3600, Optional.of("alice-user"));
      sessions.addSubscription(
          "alice", "a/+", SubscriptionOptions.of(QoS.AT_LEAST_ONCE), OptionalInt.empty());
      sessions.addSubscription("alice", "b/#", v5, OptionalInt.of(42));
      sessions.createSession("alice2", 0xFFFF_FFFFL, Optional.empty());
      sessions.addSubscription(
          "alice2", "c", SubscriptionOptions.of(QoS.AT_MOST_ONCE), OptionalInt.empty());
      sessions.sessionDisconnected("alice", 1_000_000);
    }
    try (RocksStore store = open()) {
      List<StoredSession> loaded = store.stores().sessions().load();
      assertThat(loaded).extracting(StoredSession::clientId).containsExactly("alice", "alice2");
      StoredSession alice = loaded.get(0);
      assertThat(alice.expirySeconds()).isEqualTo(3600);
      assertThat(alice.disconnectedAtMillis()).isEqualTo(1_000_000);
      assertThat(alice.username()).contains("alice-user"); // kept across sessionDisconnected
      assertThat(loaded.get(1).username()).isEmpty();
      assertThat(alice.subscriptions())
          .containsEntry(
              "a/+",
              new StoredSubscription(
                  SubscriptionOptions.of(QoS.AT_LEAST_ONCE), OptionalInt.empty()))
          .containsEntry("b/#", new StoredSubscription(v5, OptionalInt.of(42)))
          .hasSize(2); // alice2's subscription is not alice's, though "alice" is its prefix
      assertThat(loaded.get(1).expirySeconds()).isEqualTo(0xFFFF_FFFFL);
    }
  }

  @Test
  void aWillIsKeptWithItsSessionUntilCleared() {
    Message will = message("wills/a", "gone", MqttProperties.EMPTY);
    try (RocksStore store = open()) {
      store.stores().sessions().createSession("a", 60, Optional.empty());
      store.stores().sessions().saveWill("a", will, 30);
      store.stores().sessions().createSession("b", 60, Optional.empty());
      store.stores().sessions().saveWill("b", will, 0);
      store.stores().sessions().clearWill("b");
    }
    try (RocksStore store = open()) {
      List<StoredSession> loaded = store.stores().sessions().load();
      assertThat(loaded.get(0).will()).isPresent();
      assertThat(loaded.get(0).will().get().delaySeconds()).isEqualTo(30);
      assertThat(loaded.get(0).will().get().message().payload().toUtf8String()).isEqualTo("gone");
      assertThat(loaded.get(1).will()).isEmpty();
    }
  }

  @Test
  void removingASessionRemovesItsSubscriptionsOnly() {
    try (RocksStore store = open()) {
      var sessions = store.stores().sessions();
      sessions.createSession("a", 60, Optional.empty());
      sessions.addSubscription(
          "a", "x", SubscriptionOptions.of(QoS.AT_MOST_ONCE), OptionalInt.empty());
      sessions.createSession("ab", 60, Optional.empty());
      sessions.addSubscription(
          "ab", "y", SubscriptionOptions.of(QoS.AT_MOST_ONCE), OptionalInt.empty());
      sessions.removeSession("a");
      sessions.removeSubscription("ab", "nothing");
    }
    try (RocksStore store = open()) {
      List<StoredSession> loaded = store.stores().sessions().load();
      assertThat(loaded).extracting(StoredSession::clientId).containsExactly("ab");
      assertThat(loaded.get(0).subscriptions()).containsOnlyKeys("y");
    }
  }

  @Test
  void retainedMessagesSurviveWithTheirPropertiesAndExpiry() {
    MqttProperties props =
        MqttProperties.builder()
            .string(PropertyId.CONTENT_TYPE, "text/plain")
            .userProperty("k", "v")
            .integer(PropertyId.MESSAGE_EXPIRY_INTERVAL, 3600)
            .build();
    try (RocksStore store = open()) {
      store.stores().retained().put(message("r/1", "one", props));
      store.stores().retained().put(message("r/2", "two", MqttProperties.EMPTY));
      store.stores().retained().remove(TopicName.of("r/2", WildcardSyntax.DEFAULT));
    }
    try (RocksStore store = open()) {
      List<Message> all =
          store.stores().retained().matching(TopicFilter.of("r/#", WildcardSyntax.DEFAULT));
      assertThat(all).hasSize(1);
      Message m = all.get(0);
      assertThat(m.payload().toUtf8String()).isEqualTo("one");
      assertThat(m.publisherId()).isEqualTo("publisher-1");
      assertThat(m.retain()).isTrue();
      assertThat(m.properties().string(PropertyId.CONTENT_TYPE)).contains("text/plain");
      assertThat(m.properties().userProperties()).hasSize(1);
      assertThat(m.remainingExpirySeconds()).isBetween(3590L, 3600L);
    }
  }

  @Test
  void aRetainedMessageThatExpiredWhileTheBrokerWasDownIsGone() throws Exception {
    MqttProperties oneSecond =
        MqttProperties.builder().integer(PropertyId.MESSAGE_EXPIRY_INTERVAL, 1).build();
    try (RocksStore store = open()) {
      store.stores().retained().put(message("r/short", "x", oneSecond));
    }
    Thread.sleep(1_100);
    try (RocksStore store = open()) {
      assertThat(store.stores().retained().size()).isZero();
    }
  }

  @Test
  void aStoreFromANewerFormatStopsStartUpAndIsLeftAlone() throws Exception {
    try (RocksDB db = RocksDB.open(dir.toString())) {
      db.put(
          "format-version".getBytes(StandardCharsets.UTF_8),
          ByteBuffer.allocate(4).putInt(RocksStore.FORMAT_VERSION + 1).array());
    }
    assertThatThrownBy(this::open)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("format version " + (RocksStore.FORMAT_VERSION + 1))
        .hasMessageContaining("newer Petrel");
    try (RocksDB db = RocksDB.openReadOnly(dir.toString())) {
      assertThat(
              ByteBuffer.wrap(db.get("format-version".getBytes(StandardCharsets.UTF_8))).getInt())
          .isEqualTo(RocksStore.FORMAT_VERSION + 1);
    }
  }

  @Test
  void aDamagedStoreStopsStartUpWithAClearMessage() throws Exception {
    try (RocksStore store = open()) {
      store.stores().sessions().createSession("a", 60, Optional.empty());
    }
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("MANIFEST")).toList()) {
        Files.write(f, new byte[] {1, 2, 3});
      }
    }
    assertThatThrownBy(this::open)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot be opened and was left as it is");
  }

  @Test
  void aStoreInUseByAnotherProcessIsRefused() {
    try (RocksStore first = open()) {
      assertThatThrownBy(this::open)
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("is in use by another Petrel process");
    }
  }

  @Test
  void restoredMessagesShareTheirTopicFilterAndClientInsteadOfACopyEach() {
    try (RocksStore store = open()) {
      MessageStore messages = store.stores().messages();
      for (int i = 0; i < 3; i++) {
        List<MessageStore.Target> targets =
            List.of(
                new MessageStore.Target("alice", QoS.AT_LEAST_ONCE, false, "t/+", List.of()),
                new MessageStore.Target("bob", QoS.AT_LEAST_ONCE, false, "t/#", List.of()));
        messages.store(messages.nextId(), message("t/x", "m" + i, MqttProperties.EMPTY), targets);
      }
      messages.commit();
    }
    try (RocksStore store = open()) {
      Map<String, List<MessageStore.Entry>> loaded =
          store.stores().messages().loadEntries(WildcardSyntax.DEFAULT);
      List<MessageStore.Entry> alice = loaded.get("alice");
      List<MessageStore.Entry> bob = loaded.get("bob");
      assertThat(alice).extracting(e -> e.message().payload().toString()).hasSize(3);
      // A message for two sessions is one object; every message of the load shares the topic,
      // the publisher and each session's filter.
      assertThat(alice.get(0).message()).isSameAs(bob.get(0).message());
      assertThat(alice.get(1).message().topic()).isSameAs(alice.get(0).message().topic());
      assertThat(alice.get(1).message().publisherId())
          .isSameAs(alice.get(0).message().publisherId());
      assertThat(alice.get(1).via()).isSameAs(alice.get(0).via()).isEqualTo("t/+");
      assertThat(alice.get(2).subscriptionIds()).isSameAs(List.of());
      assertThat(alice.get(0).message().storedFor("bob")).isTrue();
    }
  }
}
