package io.petrel.broker.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Do Mosquitto's $7$ and $6$ hashes verify as mosquitto_passwd made them? */
class PasswordHashTest {
  /** Made by mosquitto_passwd 2.0.11 for alice / wonderland. */
  static final String ALICE =
      "$7$101$e47HXDhQApbIW0MV$qCyqwJbz/rDyRyr+DgGxFFr7TA+iS8oTvSxjP06xzBhuFYKENIboecumNd8/jXvJpA0f5ZgSfweIIbJMtdseCQ==";

  /** Made by {@code mosquitto_passwd -H sha512} (Mosquitto 1.6's hash) for carol / pass6. */
  static final String CAROL =
      "$6$KjieU5n4Mt8CY0Cc$qrJx3GZodDzykVoX4KeMjYh1nI89jdZ7NRUsPCD+jfmA/BWnzi2YdVxCqmOlGKvbgzr1zhhyhaU1rbCSEqGhAw==";

  private static final String SALT = "e47HXDhQApbIW0MV";

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aPbkdf2HashFromMosquittoPasswdVerifiesItsPasswordOnly() {
    PasswordHash hash = PasswordHash.parse(ALICE);
    assertThat(hash).isInstanceOf(Pbkdf2Sha512Hash.class);
    assertThat(hash.matches(utf8("wonderland"))).isTrue();
    assertThat(hash.matches(utf8("Wonderland"))).isFalse();
    assertThat(hash.matches(utf8("wonderland "))).isFalse();
    assertThat(hash.matches(new byte[0])).isFalse();
  }

  @Test
  void aSha512HashFromMosquitto1_6VerifiesItsPasswordOnly() {
    PasswordHash hash = PasswordHash.parse(CAROL);
    assertThat(hash).isInstanceOf(Sha512Hash.class);
    assertThat(hash.matches(utf8("pass6"))).isTrue();
    assertThat(hash.matches(utf8("pass7"))).isFalse();
  }

  @Test
  void passwordsAreCheckedAsTheirBytesEvenWhenTheyAreNotUtf8OrEmpty() {
    // Expected values from Python's hashlib.pbkdf2_hmac("sha512", password, salt, 101, 64).
    assertThat(
            PasswordHash.parse(
                    "$7$101$"
                        + SALT
                        + "$+1YEC4wEoeN95hbB/ZOi9afmwPnagqm5YeGwXSV8s0YcYiferqazyWXBvKDUPRXEEIKSvRGvJuBPxXdVLyMpCA==")
                .matches(utf8("pässwörd")))
        .isTrue();
    assertThat(
            PasswordHash.parse(
                    "$7$101$"
                        + SALT
                        + "$rxg5J03x4XBEMAROHN7G0DUEBiLHHXd9ehoOLO54GgkGMzqaxUKZpuu5YYNNGsn2xjEniUPzslSoA9P8ZPCKiA==")
                .matches(new byte[] {(byte) 0xff, (byte) 0xfe, ' ', 'b', 'i', 'n', 'a', 'r', 'y'}))
        .isTrue();
    assertThat(
            PasswordHash.parse(
                    "$7$101$"
                        + SALT
                        + "$8RMINu3ztSuI9A3igpKjVfZnbdmWuTZMjfhkMF3Y4GCSJjZ9Ec1oBYNnRqVlYzpeKb8svXv5C3HmrM7hWLTX8Q==")
                .matches(new byte[0]))
        .isTrue();
  }

  @Test
  void theIterationCountOfTheHashIsUsed() {
    String thousand =
        "$7$1000$"
            + SALT
            + "$1qwBiUl63s42wxfi8qHwu7EDRSCheKbjVzmcuSoYPMdZjbzjaAIghZBdmFruQS4XJ36Fo0R7SjD9mbHVei+SVQ==";
    assertThat(PasswordHash.parse(thousand).matches(utf8("wonderland"))).isTrue();
  }

  @Test
  void aNewHashLooksLikeMosquittoPasswdsAndVerifies() {
    Pbkdf2Sha512Hash hash =
        Pbkdf2Sha512Hash.of(utf8("s3cret"), Pbkdf2Sha512Hash.DEFAULT_ITERATIONS);
    // 12-byte salt: 16 base64 characters; 64-byte hash: 88 with padding.
    assertThat(hash.encode()).matches("\\$7\\$101\\$[A-Za-z0-9+/]{16}\\$[A-Za-z0-9+/]{86}==");
    PasswordHash read = PasswordHash.parse(hash.encode());
    assertThat(read.matches(utf8("s3cret"))).isTrue();
    assertThat(read.matches(utf8("s3cret!"))).isFalse();
  }

  @Test
  void aNewHashTakesItsIterationCountAndAFreshSalt() {
    String a = Pbkdf2Sha512Hash.of(utf8("same"), 2000).encode();
    String b = Pbkdf2Sha512Hash.of(utf8("same"), 2000).encode();
    assertThat(a).startsWith("$7$2000$");
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void reEncodingAHashReadFromAFileGivesTheSameText() {
    assertThat(PasswordHash.parse(ALICE).encode()).isEqualTo(ALICE);
    assertThat(PasswordHash.parse(CAROL).encode()).isEqualTo(CAROL);
  }

  @Test
  void toStringShowsNeitherSaltNorHash() {
    assertThat(PasswordHash.parse(ALICE).toString())
        .isEqualTo("Pbkdf2Sha512Hash[iterations=101]")
        .doesNotContain(SALT);
  }

  @Test
  void malformedHashesSayWhatIsWrongWithoutRepeatingTheHash() {
    String hash64 = ALICE.substring(ALICE.lastIndexOf('$') + 1);
    assertRejected(
        "plaintext",
        "not a hash Petrel knows; expected $7$ (mosquitto_passwd's" + " default) or $6$");
    assertRejected(
        "$5$abc$def",
        "not a hash Petrel knows; expected $7$ (mosquitto_passwd's" + " default) or $6$");
    assertRejected("$7$101$" + SALT, "malformed hash; expected $7$<iterations>$<salt>$<hash>");
    assertRejected("$6$" + SALT, "malformed hash; expected $6$<salt>$<hash>");
    assertRejected("$7$ten$" + SALT + "$" + hash64, "the iteration count must be a number from 1");
    assertRejected("$7$0$" + SALT + "$" + hash64, "the iteration count must be a number from 1");
    assertRejected("$7$101$not*base64$" + hash64, "the salt is not base64");
    assertRejected("$7$101$$" + hash64, "the salt is empty");
    assertRejected("$7$101$" + SALT + "$*" + hash64.substring(1), "the hash is not base64");
    assertRejected(
        "$7$101$" + SALT + "$" + SALT, "the hash has 12 bytes; a PBKDF2-HMAC-SHA512 hash has 64");
    assertRejected("$6$" + SALT + "$" + SALT, "the hash has 12 bytes; a SHA-512 hash has 64");
  }

  private static void assertRejected(String text, String message) {
    assertThatThrownBy(() -> PasswordHash.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
