package io.petrel.broker.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.petrel.codec.WildcardSyntax;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Does the broker's view of the ACL file follow changes and survive a broken one? */
class AclFileAuthorizerTest {
  private static final Optional<String> ALICE = Optional.of("alice");

  @TempDir Path dir;

  private Path write(String... lines) throws Exception {
    Path file = dir.resolve("acl");
    Files.write(file, List.of(lines));
    return file;
  }

  @Test
  void aReloadAppliesTheNewRules() throws Exception {
    Path file = write("user alice", "topic a");
    try (AclFileAuthorizer acl = AclFileAuthorizer.open(file, WildcardSyntax.DEFAULT)) {
      assertThat(acl.acl().mayRead("c", ALICE, "a")).isTrue();
      write("user alice", "topic b");
      assertThat(acl.reload()).isTrue();
      assertThat(acl.acl().mayRead("c", ALICE, "a")).isFalse();
      assertThat(acl.acl().mayRead("c", ALICE, "b")).isTrue();
    }
  }

  @Test
  void aFailedReloadKeepsTheOldRules() throws Exception {
    Path file = write("user alice", "topic a");
    try (AclFileAuthorizer acl = AclFileAuthorizer.open(file, WildcardSyntax.DEFAULT)) {
      write("user alice", "topic");
      assertThat(acl.reload()).isFalse();
      assertThat(acl.acl().mayRead("c", ALICE, "a")).isTrue();
    }
  }

  @Test
  void aChangedFileIsReloadedByTheCheckAndAnUnchangedOneIsNot() throws Exception {
    Path file = write("user alice", "topic a");
    try (AclFileAuthorizer acl = AclFileAuthorizer.open(file, WildcardSyntax.DEFAULT)) {
      AclFile before = acl.acl();
      acl.reloadIfChanged();
      assertThat(acl.acl()).isSameAs(before);
      write("user alice", "topic a", "topic b/c/d");
      acl.reloadIfChanged();
      assertThat(acl.acl().mayRead("c", ALICE, "b/c/d")).isTrue();
    }
  }

  @Test
  void aMissingFileIsAnError() {
    assertThatThrownBy(() -> AclFileAuthorizer.open(dir.resolve("nope"), WildcardSyntax.DEFAULT))
        .hasMessage(dir.resolve("nope") + ": no such ACL file");
  }
}
