package io.petrel.broker.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.petrel.codec.WildcardSyntax;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Does the ACL file read Mosquitto's syntax and grant exactly what Mosquitto grants? */
class AclFileTest {
  private static final Optional<String> ANONYMOUS = Optional.empty();

  private static AclFile acl(String... lines) throws AclFileException {
    return AclFile.parse("acl", List.of(lines), WildcardSyntax.DEFAULT);
  }

  private static Optional<String> user(String name) {
    return Optional.of(name);
  }

  @Test
  void aTopicLineWithoutAccessGrantsReadAndWrite() throws Exception {
    AclFile acl = acl("user alice", "topic sensors/#");
    assertThat(acl.userRules("alice"))
        .containsExactly(new AclFile.Rule(AclFile.Access.READWRITE, "sensors/#"));
    assertThat(acl.mayWrite("c", user("alice"), "sensors/t1")).isTrue();
    assertThat(acl.mayRead("c", user("alice"), "sensors/t1")).isTrue();
    assertThat(acl.mayRead("c", user("alice"), "other")).isFalse();
  }

  @Test
  void readWriteAndReadwriteGrantOnlyWhatTheySay() throws Exception {
    AclFile acl = acl("user bob", "topic read in/#", "topic write out/#", "topic readwrite both");
    assertThat(acl.mayRead("c", user("bob"), "in/x")).isTrue();
    assertThat(acl.mayWrite("c", user("bob"), "in/x")).isFalse();
    assertThat(acl.mayWrite("c", user("bob"), "out/x")).isTrue();
    assertThat(acl.mayRead("c", user("bob"), "out/x")).isFalse();
    assertThat(acl.mayRead("c", user("bob"), "both")).isTrue();
    assertThat(acl.mayWrite("c", user("bob"), "both")).isTrue();
  }

  @Test
  void whatNoRuleGrantsIsDenied() throws Exception {
    AclFile acl = acl("user alice", "topic a");
    assertThat(acl.mayWrite("c", user("carol"), "a")).isFalse();
    assertThat(acl.mayRead("c", ANONYMOUS, "a")).isFalse();
    assertThat(acl("").mayRead("c", user("alice"), "a")).isFalse();
  }

  @Test
  void denyBeatsAnyGrantWhereverItStands() throws Exception {
    AclFile acl =
        acl("user alice", "topic readwrite #", "topic deny secret/#", "pattern deny %c/private");
    assertThat(acl.mayRead("c1", user("alice"), "public")).isTrue();
    assertThat(acl.mayRead("c1", user("alice"), "secret/plans")).isFalse();
    assertThat(acl.mayWrite("c1", user("alice"), "secret/plans")).isFalse();
    assertThat(acl.mayWrite("c1", user("alice"), "c1/private")).isFalse();
    assertThat(acl.mayWrite("c1", user("alice"), "c2/private")).isTrue();
    AclFile denyFirst = acl("user alice", "topic deny x", "topic x");
    assertThat(denyFirst.mayRead("c", user("alice"), "x")).isFalse();
  }

  @Test
  void topicLinesBeforeTheFirstUserLineAreTheAnonymousClientsOnly() throws Exception {
    AclFile acl = acl("# public", "topic read public/#", "", "user alice", "topic private/#");
    assertThat(acl.anonymousRules()).hasSize(1);
    assertThat(acl.mayRead("c", ANONYMOUS, "public/news")).isTrue();
    assertThat(acl.mayRead("c", ANONYMOUS, "private/x")).isFalse();
    assertThat(acl.mayRead("c", user("alice"), "public/news")).isFalse();
    assertThat(acl.mayRead("c", user("alice"), "private/x")).isTrue();
  }

  @Test
  void patternsSubstituteTheClientIdAndUserNameForEveryClient() throws Exception {
    AclFile acl = acl("pattern write devices/%c/#", "pattern read users/%u/inbox");
    assertThat(acl.mayWrite("d1", ANONYMOUS, "devices/d1/temp")).isTrue();
    assertThat(acl.mayWrite("d1", user("alice"), "devices/d1/temp")).isTrue();
    assertThat(acl.mayWrite("d1", ANONYMOUS, "devices/d2/temp")).isFalse();
    assertThat(acl.mayRead("d1", user("alice"), "users/alice/inbox")).isTrue();
    assertThat(acl.mayRead("d1", user("alice"), "users/bob/inbox")).isFalse();
  }

  @Test
  void aPatternWithPercentUDoesNotApplyToAnonymousClients() throws Exception {
    AclFile acl = acl("pattern read users/%u/#");
    assertThat(acl.mayRead("c", ANONYMOUS, "users//x")).isFalse();
    assertThat(acl.mayRead("c", ANONYMOUS, "users/%u/x")).isFalse();
  }

  @Test
  void aClientIdOrUserNameWithAWildcardIsNotSubstituted() throws Exception {
    AclFile acl = acl("pattern readwrite devices/%c/#", "pattern read users/%u");
    assertThat(acl.mayRead("+", ANONYMOUS, "devices/other/x")).isFalse();
    assertThat(acl.mayRead("c", user("#"), "users/anyone")).isFalse();
  }

  @Test
  void aSubscriptionIsGrantedWhenAReadRuleCoversEveryTopicItCanMatch() throws Exception {
    AclFile acl = acl("user alice", "topic read sensors/+/temp", "topic read logs/#");
    assertThat(acl.maySubscribe("c", user("alice"), "sensors/t1/temp")).isTrue();
    assertThat(acl.maySubscribe("c", user("alice"), "sensors/+/temp")).isTrue();
    assertThat(acl.maySubscribe("c", user("alice"), "sensors/#")).isFalse();
    assertThat(acl.maySubscribe("c", user("alice"), "sensors/+/+")).isFalse();
    assertThat(acl.maySubscribe("c", user("alice"), "logs/#")).isTrue();
    assertThat(acl.maySubscribe("c", user("alice"), "logs/+/x")).isTrue();
    assertThat(acl.maySubscribe("c", user("alice"), "#")).isFalse();
  }

  @Test
  void aSubscriptionNeedsReadAndIsRefusedByADenyThatCoversIt() throws Exception {
    AclFile acl = acl("user alice", "topic write out/#", "topic read #", "topic deny secret/#");
    assertThat(acl.maySubscribe("c", user("bob"), "out/x")).isFalse();
    assertThat(acl.maySubscribe("c", user("alice"), "secret/+")).isFalse();
    // Overlapping a deny is allowed; delivery drops the denied topics.
    assertThat(acl.maySubscribe("c", user("alice"), "#")).isTrue();
    assertThat(acl.mayRead("c", user("alice"), "secret/x")).isFalse();
  }

  @Test
  void leadingWildcardsDoNotReachDollarTopics() throws Exception {
    AclFile acl = acl("topic read #", "topic read $SYS/broker/#");
    assertThat(acl.mayRead("c", ANONYMOUS, "$SYS/x")).isFalse();
    assertThat(acl.mayRead("c", ANONYMOUS, "$SYS/broker/load")).isTrue();
  }

  @Test
  void aUserNameMayContainBlanksAndAFilterIsTheRestOfTheLine() throws Exception {
    AclFile acl = acl("user Alice Liddell", "topic read rabbit hole/#");
    assertThat(acl.mayRead("c", user("Alice Liddell"), "rabbit hole/down")).isTrue();
  }

  @Test
  void aMalformedLineNamesTheFileTheLineAndTheProblem() {
    assertThatThrownBy(() -> acl("user alice", "topics read x"))
        .isInstanceOf(AclFileException.class)
        .hasMessage("acl:2: unknown keyword \"topics\"; use user, topic or pattern");
    assertThatThrownBy(() -> acl("user")).hasMessage("acl:1: user needs a user name");
    assertThatThrownBy(() -> acl("topic")).hasMessage("acl:1: topic needs a topic filter");
    assertThatThrownBy(() -> acl("pattern read"))
        .hasMessage("acl:1: pattern read needs a topic filter after the access");
    assertThatThrownBy(() -> acl("", "topic a/#/b"))
        .hasMessageStartingWith("acl:2: topic \"a/#/b\" is not a topic filter: ");
  }
}
