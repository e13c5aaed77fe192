package io.petrel.broker.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScramCredentialTest {
  private static final byte[] SALT = "0123456789abcdef".getBytes();

  @Test
  void byDefaultASixteenByteRandomSaltAnd4096IterationsAreUsed() {
    // RFC 7677 section 4: at least 4096 iterations.
    ScramCredential a = ScramCredential.fromPassword("pencil".toCharArray());
    ScramCredential b = ScramCredential.fromPassword("pencil".toCharArray());

    assertThat(a.iterations()).isEqualTo(4096);
    assertThat(a.salt()).hasSize(16).isNotEqualTo(b.salt());
    assertThat(a.storedKey()).isNotEqualTo(b.storedKey());
  }

  @Test
  void theSamePasswordSaltAndCountGiveTheSameCredential() {
    ScramCredential a = ScramCredential.fromPassword("pencil".toCharArray(), SALT, 2);
    ScramCredential b = ScramCredential.fromPassword("pencil".toCharArray(), SALT, 2);

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(ScramCredential.fromPassword("pencil".toCharArray(), SALT, 3));
    assertThat(a.storedKey()).hasSize(32).isNotEqualTo(a.serverKey());
  }

  @Test
  void theCallersPasswordArrayIsLeftAlone() {
    char[] password = "pencil".toCharArray();

    ScramCredential.fromPassword(password, SALT, 1);

    assertThat(password).containsExactly("pencil".toCharArray());
  }

  @Test
  void nobodyCanChangeACredentialThroughItsArrays() {
    byte[] salt = SALT.clone();
    ScramCredential credential = ScramCredential.fromPassword("pencil".toCharArray(), salt, 1);
    salt[0] = 'X';
    credential.salt()[1] = 'X';
    credential.storedKey()[0] ^= 1;

    assertThat(credential).isEqualTo(ScramCredential.fromPassword("pencil".toCharArray(), SALT, 1));
  }

  @Test
  void itsStringShowsNoKeys() {
    ScramCredential credential = ScramCredential.fromPassword("pencil".toCharArray(), SALT, 1);

    assertThat(credential).hasToString("ScramCredential[iterations=1, salt=16 bytes]");
  }

  @Test
  void anEmptySaltANonPositiveCountOrShortKeysAreRefused() {
    byte[] key = new byte[32];
    assertThatThrownBy(() -> new ScramCredential(new byte[0], 1, key, key))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ScramCredential(SALT, 0, key, key))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ScramCredential(SALT, 1, new byte[20], key))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ScramCredential.fromPassword("p".toCharArray(), SALT, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
