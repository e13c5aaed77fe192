package io.petrel.broker.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.petrel.codec.Bytes;
import io.petrel.codec.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The server side of SCRAM-SHA-256 (RFC 5802, RFC 7677) as an MQTT 5 enhanced-auth method. */
class ScramSha256AuthenticatorTest {
  private static final byte[] SECRET = "a secret of thirty-two bytes!!!!".getBytes();

  private final InMemoryUserStore users =
      new InMemoryUserStore().add("alice", "correct horse".toCharArray());
  private final ScramSha256Authenticator authenticator =
      new ScramSha256Authenticator(users, SECRET);

  @Test
  void rfc7677Section3TestVectorGivesTheExpectedProofAndServerSignature() {
    String clientNonce = "rOprNGfwEbeRWgbNEkqO";
    String nonce = clientNonce + "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    byte[] salt = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
    InMemoryUserStore store =
        new InMemoryUserStore()
            .add("user", ScramCredential.fromPassword("pencil".toCharArray(), salt, 4096));
    ScramSha256Authenticator rfcServer =
        new ScramSha256Authenticator(store, SECRET, () -> "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");
    ScramClient client = new ScramClient("user", "pencil", clientNonce);

    assertThat(text(client.clientFirstMessage())).isEqualTo("n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
    AuthExchange exchange =
        rfcServer.begin("c1", Optional.empty(), Bytes.wrap(client.clientFirstMessage()));
    String serverFirst = continueData(exchange.first());
    assertThat(serverFirst).isEqualTo("r=" + nonce + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");

    String clientFinal = text(client.clientFinalMessage(utf8(serverFirst)));
    assertThat(clientFinal)
        .isEqualTo("c=biws,r=" + nonce + ",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
    AuthStep last = exchange.step(Bytes.utf8(clientFinal));

    assertThat(last).isInstanceOf(AuthStep.Success.class);
    AuthStep.Success success = (AuthStep.Success) last;
    assertThat(success.username()).isEqualTo("user");
    assertThat(success.serverData().map(Bytes::toUtf8String))
        .contains("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
    assertThat(client.serverFinalIsValid(success.serverData().orElseThrow().toByteArray()))
        .isTrue();
  }

  @Test
  void theRightPasswordSucceedsAndTheClientCanVerifyTheServer() {
    ScramClient client = ScramClient.withRandomNonce("alice", "correct horse");
    AuthExchange exchange =
        authenticator.begin("c1", Optional.empty(), Bytes.wrap(client.clientFirstMessage()));

    String serverFirst = continueData(exchange.first()); // [MQTT-4.12.0-2]
    assertThat(serverFirst).matches("r=[^,]{25,},s=[A-Za-z0-9+/]{22}==,i=4096");
    AuthStep last = exchange.step(Bytes.wrap(client.clientFinalMessage(utf8(serverFirst))));

    assertThat(last).isInstanceOf(AuthStep.Success.class);
    AuthStep.Success success = (AuthStep.Success) last;
    assertThat(success.username()).isEqualTo("alice");
    assertThat(client.serverFinalIsValid(success.serverData().orElseThrow().toByteArray()))
        .isTrue();
  }

  @Test
  void theConnectUserNameMayRepeatTheScramUserName() {
    assertThat(run("alice", "correct horse", Optional.of("alice")))
        .isInstanceOf(AuthStep.Success.class);
  }

  @Test
  void aConnectUserNameOtherThanTheScramUserNameIsRefused() {
    ScramClient client = ScramClient.withRandomNonce("alice", "correct horse");
    AuthExchange exchange =
        authenticator.begin("c1", Optional.of("bob"), Bytes.wrap(client.clientFirstMessage()));

    assertFailure(
        exchange.first(), ReasonCode.NOT_AUTHORIZED, "differs from the CONNECT User Name");
  }

  @Test
  void aWrongPasswordFailsAtTheProofWithBadUserNameOrPassword() {
    AuthStep last = run("alice", "battery staple", Optional.empty());

    assertFailure(last, ReasonCode.BAD_USER_NAME_OR_PASSWORD, "client proof did not verify");
  }

  @Test
  void anUnknownUserFailsAtTheSameStepWithTheSameReasonAsAWrongPassword() {
    // RFC 5802 section 9: the server-first-message must not give unknown users away.
    ScramClient client = ScramClient.withRandomNonce("mallory", "anything");
    AuthExchange exchange =
        authenticator.begin("c1", Optional.empty(), Bytes.wrap(client.clientFirstMessage()));
    String serverFirst = continueData(exchange.first());
    assertThat(serverFirst).matches("r=[^,]{25,},s=[A-Za-z0-9+/]{22}==,i=4096");

    AuthStep unknownUser = exchange.step(Bytes.wrap(client.clientFinalMessage(utf8(serverFirst))));
    AuthStep wrongPassword = run("alice", "battery staple", Optional.empty());

    assertThat(unknownUser).isEqualTo(wrongPassword);
  }

  @Test
  void anUnknownUserGetsTheSameSaltEveryTimeAndEvenAfterARestart() {
    String first = salt(authenticator, "mallory");

    assertThat(salt(authenticator, "mallory")).isEqualTo(first);
    assertThat(salt(new ScramSha256Authenticator(users, SECRET.clone()), "mallory"))
        .isEqualTo(first);
    assertThat(salt(authenticator, "eve")).isNotEqualTo(first);
  }

  @Test
  void everyExchangeGetsAFreshServerNonceAppendedToTheClientNonce() {
    String clientNonce = "fixed-client-nonce";
    String a = nonce(authenticator.begin("c1", Optional.empty(), clientFirst(clientNonce)));
    String b = nonce(authenticator.begin("c1", Optional.empty(), clientFirst(clientNonce)));

    assertThat(a).startsWith(clientNonce).hasSize(clientNonce.length() + 24);
    assertThat(b).startsWith(clientNonce).isNotEqualTo(a);
  }

  @Test
  void aRequestForChannelBindingIsRefused() {
    AuthExchange exchange =
        authenticator.begin(
            "c1", Optional.empty(), Bytes.utf8("p=tls-server-end-point,,n=alice,r=abc"));

    assertFailure(exchange.first(), ReasonCode.NOT_AUTHORIZED, "channel binding is not supported");
  }

  @Test
  void aClientThatCouldBindButSawNoPlusMechanismIsServed() {
    // RFC 5802 section 6: "y" fails only on a server that supports channel binding.
    ScramClient client = new ScramClient("alice", "correct horse", "abc", "y,,");

    assertThat(run(client, Optional.empty())).isInstanceOf(AuthStep.Success.class);
  }

  @Test
  void anAuthorizationIdentityEqualToTheUserNameIsAccepted() {
    ScramClient client = new ScramClient("alice", "correct horse", "abc", "n,a=alice,");

    assertThat(run(client, Optional.empty())).isInstanceOf(AuthStep.Success.class);
  }

  @Test
  void anAuthorizationIdentityOtherThanTheUserNameIsRefused() {
    AuthExchange exchange =
        authenticator.begin("c1", Optional.empty(), Bytes.utf8("n,a=root,n=alice,r=abc"));

    assertFailure(exchange.first(), ReasonCode.NOT_AUTHORIZED, "authorization identity (a=)");
  }

  @Test
  void userNamesWithCommaAndEqualsTravelEscapedAndAreDecoded() {
    users.add("a,b=c", "pw".toCharArray());
    ScramClient client = new ScramClient("a,b=c", "pw", "abc");
    assertThat(text(client.clientFirstMessage())).isEqualTo("n,,n=a=2Cb=3Dc,r=abc");

    AuthStep last = run(client, Optional.empty());

    assertThat(last).isInstanceOf(AuthStep.Success.class);
    assertThat(((AuthStep.Success) last).username()).isEqualTo("a,b=c");
  }

  @Test
  void unknownOptionalExtensionsInTheClientFirstMessageAreIgnored() {
    AuthExchange exchange =
        authenticator.begin("c1", Optional.empty(), Bytes.utf8("n,,n=alice,r=abc,x=ext"));

    assertThat(exchange.first()).isInstanceOf(AuthStep.Continue.class);
  }

  @Test
  void aMandatoryExtensionIsRefused() {
    // RFC 5802 section 5.1: m= MUST cause authentication failure.
    AuthExchange exchange =
        authenticator.begin("c1", Optional.empty(), Bytes.utf8("n,,m=ext,n=alice,r=abc"));

    assertFailure(exchange.first(), ReasonCode.NOT_AUTHORIZED, "mandatory extension");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "n",
        "n,",
        "q,,n=alice,r=abc",
        "p,,n=alice,r=abc",
        "n,root,n=alice,r=abc",
        "n,,",
        "n,,n=alice",
        "n,,r=abc,n=alice",
        "n,,n=,r=abc",
        "n,,n=alice,r=",
        "n,,n=alice,r=a b",
        "n,,n=alice,r=abc,",
        "n,,n=alice,r=abc,xy",
        "n,,n=al=2Dice,r=abc",
        "n,,n=alice=,r=abc",
        "n,a=,n=alice,r=abc",
        "n,,n=ali\u0000ce,r=abc"
      })
  void malformedClientFirstMessagesAreRefused(String message) {
    AuthExchange exchange = authenticator.begin("c1", Optional.empty(), Bytes.utf8(message));

    assertFailure(
        exchange.first(), ReasonCode.NOT_AUTHORIZED, "malformed SCRAM client-first-message");
  }

  @Test
  void aClientFirstMessageThatIsNotUtf8IsRefused() {
    byte[] data = "n,,n=alice,r=abc".getBytes(StandardCharsets.UTF_8);
    data[5] = (byte) 0xC3; // a lead byte without its continuation byte

    AuthExchange exchange = authenticator.begin("c1", Optional.empty(), Bytes.wrap(data));

    assertFailure(exchange.first(), ReasonCode.NOT_AUTHORIZED, "not UTF-8");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "c=biws",
        "c=biws,r=NONCE",
        "r=NONCE,c=biws,p=PROOF",
        "c=biws,r=NONCE,p=",
        "c=biws,r=NONCE,p=not*base64",
        "c=biws,r=NONCE,p=AAAA",
        "c=bi*ws,r=NONCE,p=PROOF",
        "c=biws,r=NONCE,x,p=PROOF",
        "c=biws,r=NONCE,PROOF"
      })
  void malformedClientFinalMessagesAreRefused(String template) {
    AuthExchange exchange = authenticator.begin("c1", Optional.empty(), clientFirst("abc"));
    String proof = Base64.getEncoder().encodeToString(new byte[32]);
    String message = template.replace("NONCE", nonce(exchange)).replace("PROOF", proof);

    AuthStep last = exchange.step(Bytes.utf8(message));

    assertFailure(last, ReasonCode.NOT_AUTHORIZED, "malformed SCRAM client-final-message");
  }

  @Test
  void aClientFinalMessageWithAnotherNonceIsRefused() {
    ScramClient client = new ScramClient("alice", "correct horse", "abc");
    AuthExchange exchange =
        authenticator.begin("c1", Optional.empty(), Bytes.wrap(client.clientFirstMessage()));
    String serverFirst = continueData(exchange.first());
    String nonce = nonce(exchange);
    String clientFinal = text(client.clientFinalMessage(utf8(serverFirst)));

    AuthStep last = exchange.step(Bytes.utf8(clientFinal.replace(nonce, "abc")));

    assertFailure(last, ReasonCode.NOT_AUTHORIZED, "nonce (r=) does not match");
  }

  @Test
  void channelBindingDataOtherThanTheGs2HeaderIsRefused() {
    ScramClient client = new ScramClient("alice", "correct horse", "abc");
    AuthExchange exchange =
        authenticator.begin("c1", Optional.empty(), Bytes.wrap(client.clientFirstMessage()));
    String clientFinal = text(client.clientFinalMessage(utf8(continueData(exchange.first()))));

    // "eSws" is base64 of "y,,", but this client sent "n,,".
    AuthStep last = exchange.step(Bytes.utf8(clientFinal.replace("c=biws", "c=eSws")));

    assertFailure(last, ReasonCode.NOT_AUTHORIZED, "does not repeat the GS2 header");
  }

  @Test
  void anAuthAfterTheExchangeEndedIsAProtocolError() {
    ScramClient client = ScramClient.withRandomNonce("alice", "correct horse");
    AuthExchange exchange =
        authenticator.begin("c1", Optional.empty(), Bytes.wrap(client.clientFirstMessage()));
    byte[] clientFinal = client.clientFinalMessage(utf8(continueData(exchange.first())));
    assertThat(exchange.step(Bytes.wrap(clientFinal))).isInstanceOf(AuthStep.Success.class);

    assertFailure(exchange.step(Bytes.wrap(clientFinal)), ReasonCode.PROTOCOL_ERROR, "ended");
  }

  @Test
  void anAuthAfterARefusedClientFirstMessageIsAProtocolError() {
    AuthExchange exchange = authenticator.begin("c1", Optional.empty(), Bytes.EMPTY);
    assertThat(exchange.first()).isInstanceOf(AuthStep.Failure.class);

    AuthStep last = exchange.step(Bytes.utf8("c=biws"));

    assertThat(last).isInstanceOf(AuthStep.Failure.class);
    assertThat(((AuthStep.Failure) last).reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
  }

  private AuthStep run(String username, String password, Optional<String> connectUsername) {
    return run(ScramClient.withRandomNonce(username, password), connectUsername);
  }

  private AuthStep run(ScramClient client, Optional<String> connectUsername) {
    AuthExchange exchange =
        authenticator.begin("c1", connectUsername, Bytes.wrap(client.clientFirstMessage()));
    String serverFirst = continueData(exchange.first());
    return exchange.step(Bytes.wrap(client.clientFinalMessage(utf8(serverFirst))));
  }

  private static Bytes clientFirst(String clientNonce) {
    return Bytes.utf8("n,,n=alice,r=" + clientNonce);
  }

  private static String salt(ScramSha256Authenticator server, String username) {
    AuthExchange exchange =
        server.begin("c1", Optional.empty(), Bytes.utf8("n,,n=" + username + ",r=abc"));
    return continueData(exchange.first()).split(",")[1];
  }

  private static String nonce(AuthExchange exchange) {
    return continueData(exchange.first()).split(",")[0].substring(2);
  }

  private static String continueData(AuthStep step) {
    assertThat(step).isInstanceOf(AuthStep.Continue.class);
    return ((AuthStep.Continue) step).serverData().toUtf8String();
  }

  private static void assertFailure(AuthStep step, ReasonCode reasonCode, String reasonPart) {
    assertThat(step).isInstanceOf(AuthStep.Failure.class);
    AuthStep.Failure failure = (AuthStep.Failure) step;
    assertThat(failure.reasonCode()).isEqualTo(reasonCode);
    assertThat(failure.logReason()).startsWith("SCRAM-SHA-256: ").contains(reasonPart);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] data) {
    return new String(data, StandardCharsets.UTF_8);
  }
}
