package io.petrel.broker.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.petrel.codec.Bytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InMemoryUserStoreTest {
  private static final byte[] SALT = "0123456789abcdef".getBytes();

  @Test
  void anAddedUserHasACredentialAndOthersHaveNone() {
    InMemoryUserStore store = new InMemoryUserStore().add("alice", "pw".toCharArray());

    assertThat(store.scramCredential("alice")).isPresent();
    assertThat(store.scramCredential("Alice")).isEmpty();
    assertThat(store.scramCredential("bob")).isEmpty();
  }

  @Test
  void addingAgainReplacesAndRemovingForgets() {
    ScramCredential first = ScramCredential.fromPassword("one".toCharArray(), SALT, 1);
    ScramCredential second = ScramCredential.fromPassword("two".toCharArray(), SALT, 1);
    InMemoryUserStore store = new InMemoryUserStore().add("alice", first).add("alice", second);

    assertThat(store.scramCredential("alice")).contains(second);
    store.remove("alice");
    assertThat(store.scramCredential("alice")).isEmpty();
  }

  @Test
  void theStoreNeedsNotThePasswordOnceAdded() {
    char[] password = "correct horse".toCharArray();
    InMemoryUserStore store = new InMemoryUserStore().add("alice", password);
    Arrays.fill(password, '\0');
    ScramSha256Authenticator server = new ScramSha256Authenticator(store);
    ScramClient client = ScramClient.withRandomNonce("alice", "correct horse");

    AuthExchange exchange =
        server.begin("c1", Optional.empty(), Bytes.wrap(client.clientFirstMessage()));
    byte[] serverFirst = ((AuthStep.Continue) exchange.first()).serverData().toByteArray();
    AuthStep last = exchange.step(Bytes.wrap(client.clientFinalMessage(serverFirst)));

    assertThat(last).isInstanceOf(AuthStep.Success.class);
  }

  @Test
  void usersAddedFromManyThreadsAreAllThere() {
    InMemoryUserStore store = new InMemoryUserStore();
    ScramCredential credential = ScramCredential.fromPassword("pw".toCharArray(), SALT, 1);
    List<CompletableFuture<Void>> writers = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      writers.add(
          CompletableFuture.runAsync(
              () ->
                  IntStream.range(0, 500)
                      .forEach(i -> store.add("user-" + thread + "-" + i, credential))));
    }
    writers.forEach(CompletableFuture::join);

    for (int t = 0; t < 8; t++) {
      for (int i = 0; i < 500; i++) {
        assertThat(store.scramCredential("user-" + t + "-" + i)).contains(credential);
      }
    }
  }
}
