package io.petrel.broker.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.petrel.broker.Broker;
import io.petrel.broker.BrokerStartException;
import io.petrel.broker.config.BrokerConfig;
import io.petrel.broker.config.ListenerConfig;
import io.petrel.broker.config.PersistenceSettings;
import io.petrel.broker.config.TlsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Does a TLS listener read every key form, and name the file and key when it cannot? */
class ListenerTlsTest {
  @TempDir Path dir;
  private TestCertificates certificates;

  @BeforeEach
  void certificates() {
    certificates = TestCertificates.create(dir);
  }

  private ListenerTls open(TlsSettings settings) throws TlsFileException {
    return ListenerTls.open("test", settings);
  }

  private TlsSettings withKey(Path key) {
    return TlsSettings.of(certificates.serverCertFile(), key);
  }

  @Test
  void pkcs8AndPkcs1KeysPlainOrEncryptedAreRead() throws Exception {
    String password = TestCertificates.KEY_PASSWORD;
    assertThat(open(withKey(certificates.serverKeyFile())).context().isServer()).isTrue();
    assertThat(open(withKey(certificates.serverPkcs1KeyFile())).context()).isNotNull();
    assertThat(open(withKey(certificates.serverEncryptedKeyFile()).withKeyPassword(password)))
        .isNotNull();
    assertThat(open(withKey(certificates.serverEncryptedPkcs1KeyFile()).withKeyPassword(password)))
        .isNotNull();
  }

  @Test
  void anEncryptedKeyWithoutPasswordSaysWhichKeyToSet() {
    Path key = certificates.serverEncryptedKeyFile();
    assertThatThrownBy(() -> open(withKey(key)))
        .hasMessage("keyfile " + key + ": the key is encrypted; set keyfile_password");
  }

  @Test
  void aWrongPasswordIsNamed() {
    for (Path key :
        List.of(
            certificates.serverEncryptedKeyFile(), certificates.serverEncryptedPkcs1KeyFile())) {
      assertThatThrownBy(() -> open(withKey(key).withKeyPassword("wrong")))
          .hasMessageStartingWith("keyfile " + key + ": cannot")
          .hasMessageContaining("keyfile_password");
    }
  }

  @Test
  void aKeyOfAnotherCertificateIsRefused() {
    Path[] other = certificates.writeIdentity(certificates.client("other"), "other");
    assertThatThrownBy(() -> open(withKey(other[1])))
        .hasMessage(
            "keyfile "
                + other[1]
                + ": the key does not belong to the first certificate in certfile");
  }

  @Test
  void filesWithoutPemContentAreNamed() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");
    assertThatThrownBy(() -> open(TlsSettings.of(empty, certificates.serverKeyFile())))
        .hasMessage(
            "certfile "
                + empty
                + ": no certificate in the file (expected -----BEGIN CERTIFICATE-----)");
    assertThatThrownBy(() -> open(withKey(certificates.caFile())))
        .hasMessageStartingWith("keyfile " + certificates.caFile() + ": no private key");
  }

  @Test
  void theBrokerDoesNotStartWithABadTlsFileAndNamesTheListener() {
    Path key = certificates.serverEncryptedKeyFile();
    BrokerConfig config =
        BrokerConfig.builder()
            .listeners(List.of(ListenerConfig.loopback(0).withTls(withKey(key))))
            .persistence(PersistenceSettings.memory()) // never ./data from a test
            .build();
    assertThatThrownBy(() -> Broker.start(config).close())
        .isInstanceOf(BrokerStartException.class)
        .hasMessage(
            "listener 127.0.0.1:0: keyfile "
                + key
                + ": the key is encrypted; set keyfile_password");
  }
}
