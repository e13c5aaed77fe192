package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.petrel.broker.config.ListenerConfig;
import io.petrel.broker.config.TlsSettings;
import io.petrel.broker.config.TlsVersion;
import io.petrel.broker.transport.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Do TLS listeners work with real clients, and refuse what they must? */
class TlsListenerIT {
  private static final int SERVER_AUTH_ONLY = 0;
  private static final int CLIENT_CERTIFICATES = 1;
  private static final int ENCRYPTED_PKCS8 = 2;
  private static final int ENCRYPTED_PKCS1_TLS13 = 3;

  @TempDir static Path dir;
  private static TestCertificates certificates;

  @RegisterExtension
  static final BrokerExtension BROKER =
      BrokerExtension.withListeners(
          () -> {
            certificates = TestCertificates.create(dir);
            TestCertificates c = certificates;
            return List.of(
                tls(TlsSettings.of(c.serverCertFile(), c.serverKeyFile())),
                tls(
                    TlsSettings.of(c.serverCertFile(), c.serverPkcs1KeyFile())
                        .requiringClientCertificates(c.caFile())
                        .withIdentityAsUsername()),
                tls(
                    TlsSettings.of(c.serverCertFile(), c.serverEncryptedKeyFile())
                        .withKeyPassword(TestCertificates.KEY_PASSWORD)),
                tls(
                    TlsSettings.of(c.serverCertFile(), c.serverEncryptedPkcs1KeyFile())
                        .withKeyPassword(TestCertificates.KEY_PASSWORD)
                        .withMinVersion(TlsVersion.TLS_1_3)));
          });

  private static ListenerConfig tls(TlsSettings settings) {
    return ListenerConfig.loopback(0).withTls(settings);
  }

  private static String ssl(int listener) {
    return "ssl://127.0.0.1:" + BROKER.port(listener);
  }

  private static PahoClient paho(String uri, SSLContext context) throws MqttException {
    return PahoClient.connect(
        uri, Names.clientId("tls"), o -> o.setSocketFactory(context.getSocketFactory()));
  }

  private static void assertRoundTrip(PahoClient client) throws MqttException {
    String topic = Names.topic("tls");
    client.subscribe(topic, 1);
    client.publish(topic, "secret", 1);
    assertThat(client.awaitMessage().payload()).isEqualTo("secret");
  }

  @Test
  void pahoConnectsOverTlsWithoutAClientCertificate() throws Exception {
    try (PahoClient client = paho(ssl(SERVER_AUTH_ONLY), certificates.clientContext())) {
      assertRoundTrip(client);
    }
  }

  @Test
  void pahoConnectsWithAClientCertificateWhereOneIsRequired() throws Exception {
    SSLContext context = certificates.clientContext(certificates.client("sensor-7"));
    try (PahoClient client = paho(ssl(CLIENT_CERTIFICATES), context)) {
      assertRoundTrip(client);
    }
  }

  @Test
  void encryptedPkcs8AndPkcs1KeysWork() throws Exception {
    try (PahoClient pkcs8 = paho(ssl(ENCRYPTED_PKCS8), certificates.clientContext());
        PahoClient pkcs1 = paho(ssl(ENCRYPTED_PKCS1_TLS13), certificates.clientContext())) {
      assertRoundTrip(pkcs8);
      assertRoundTrip(pkcs1);
    }
  }

  @Test
  void tlsVersion13RefusesATls12Client() throws Exception {
    SSLContext tls12 = SSLContext.getInstance("TLSv1.2");
    tls12.init(null, certificates.trustManagerFactory().getTrustManagers(), null);
    assertThatThrownBy(() -> paho(ssl(ENCRYPTED_PKCS1_TLS13), tls12))
        .isInstanceOf(MqttException.class);
  }

  @Test
  void pahoConnectsOverWssToATlsListener() throws Exception {
    String wss = "wss://127.0.0.1:" + BROKER.port(SERVER_AUTH_ONLY) + "/mqtt";
    try (PahoClient client = paho(wss, certificates.clientContext())) {
      assertRoundTrip(client);
    }
  }

  @Test
  void hiveMqClientConnectsOverTlsAndOverWssWithAClientCertificate() throws Exception {
    MqttClientSslConfig ssl =
        MqttClientSslConfig.builder()
            .trustManagerFactory(certificates.trustManagerFactory())
            .keyManagerFactory(
                TestCertificates.keyManagerFactory(certificates.client("hive-client")))
            .build();
    for (boolean webSocket : new boolean[] {false, true}) {
      var builder =
          MqttClient.builder()
              .useMqttVersion3()
              .identifier(Names.clientId("hive-tls"))
              .serverHost("127.0.0.1")
              .serverPort(BROKER.port(CLIENT_CERTIFICATES))
              .sslConfig(ssl);
      Mqtt3BlockingClient client =
          (webSocket
                  ? builder.webSocketConfig().serverPath("mqtt").applyWebSocketConfig()
                  : builder)
              .buildBlocking();
      client.connect();
      String topic = Names.topic("hive-tls");
      try (Mqtt3BlockingClient.Mqtt3Publishes publishes =
          client.publishes(MqttGlobalPublishFilter.ALL)) {
        client.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        client
            .publishWith()
            .topic(topic)
            .qos(MqttQos.AT_LEAST_ONCE)
            .payload("hi".getBytes())
            .send();
        Mqtt3Publish received = publishes.receive(5, TimeUnit.SECONDS).orElseThrow();
        assertThat(new String(received.getPayloadAsBytes(), StandardCharsets.UTF_8))
            .isEqualTo("hi");
      } finally {
        client.disconnect();
      }
    }
  }

  @Test
  void aClientWithoutACertificateIsRefusedWhereOneIsRequired() {
    try (LogCapture log = LogCapture.of("io.petrel.broker.transport")) {
      assertThatThrownBy(() -> paho(ssl(CLIENT_CERTIFICATES), certificates.clientContext()))
          .isInstanceOf(MqttException.class);
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () -> assertThat(log.messages()).anyMatch(m -> m.contains("TLS handshake with")));
    }
  }

  @Test
  void aClientCertificateFromAnUntrustedCaIsRefused() {
    SSLContext context = certificates.clientContext(certificates.untrustedClient("intruder"));
    assertThatThrownBy(() -> paho(ssl(CLIENT_CERTIFICATES), context))
        .isInstanceOf(MqttException.class);
  }

  @Test
  void plainMqttToATlsListenerIsClosedWithALogLine() {
    try (LogCapture log = LogCapture.of("io.petrel.broker.transport");
        RawMqttClient client = RawMqttClient.open(BROKER.port(SERVER_AUTH_ONLY))) {
      client.send(MqttBytes.connect(Names.clientId("plain")).bytes());
      client.awaitClosed();
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThat(log.messages())
                      .anyMatch(m -> m.contains("accepts TLS connections only")));
    }
  }

  @Test
  void theServerPresentsTheCertificateFromCertfile() throws Exception {
    SSLContext context = certificates.clientContext();
    try (SSLSocket socket =
        (SSLSocket)
            context.getSocketFactory().createSocket("127.0.0.1", BROKER.port(SERVER_AUTH_ONLY))) {
      socket.startHandshake();
      assertThat(socket.getSession().getPeerCertificates()[0])
          .isEqualTo(certificates.server().certificate());
      assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
    }
  }
}
