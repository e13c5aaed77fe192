package io.petrel.broker.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.petrel.codec.ReasonCode;
import org.junit.jupiter.api.Test;

class EnhancedAuthenticatorsTest {
  private final ScramSha256Authenticator scram =
      new ScramSha256Authenticator(new InMemoryUserStore());

  @Test
  void aMechanismIsFoundByItsExactMethodName() {
    EnhancedAuthenticators authenticators = EnhancedAuthenticators.of(scram);

    assertThat(authenticators.forMethod("SCRAM-SHA-256")).containsSame(scram);
    assertThat(authenticators.methods()).containsExactly("SCRAM-SHA-256");
  }

  @Test
  void anUnknownMethodFindsNothingSoTheConnectionAnswersBadAuthenticationMethod() {
    // [MQTT-4.12.0-1]: the caller sends CONNACK 0x8C and closes.
    EnhancedAuthenticators authenticators = EnhancedAuthenticators.of(scram);

    assertThat(authenticators.forMethod("scram-sha-256")).isEmpty();
    assertThat(authenticators.forMethod("SCRAM-SHA-1")).isEmpty();
    assertThat(EnhancedAuthenticators.NONE.forMethod("SCRAM-SHA-256")).isEmpty();
  }

  @Test
  void twoMechanismsForOneMethodAreRefused() {
    assertThatThrownBy(() -> EnhancedAuthenticators.of(scram, scram))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SCRAM-SHA-256");
  }

  @Test
  void aFailureMustCarryAnErrorReasonCode() {
    // MQTT 5.0 section 2.4: only 0x80 and above refuse.
    assertThatThrownBy(() -> new AuthStep.Failure(ReasonCode.SUCCESS, "no"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new AuthStep.Failure(ReasonCode.NOT_AUTHORIZED, "no").reasonCode().value())
        .isEqualTo(0x87);
  }
}
