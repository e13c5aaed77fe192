package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** Does the trace logger show every packet in and out with the client id and a cut payload? */
class PacketTraceIT {
  private static final String TRACE = "io.petrel.broker.trace";

  @RegisterExtension static final BrokerExtension BROKER = BrokerExtension.withDefaults();

  private final Logger trace = (Logger) LoggerFactory.getLogger(TRACE);
  private Level before;

  @BeforeEach
  void traceOn() {
    before = trace.getLevel();
    trace.setLevel(Level.TRACE);
  }

  @AfterEach
  void traceOff() {
    trace.setLevel(before);
  }

  @Test
  void everyPacketInAndOutIsLoggedWithClientIdTypeAndFields() throws Exception {
    String id = Names.clientId("trace");
    String topic = Names.topic("trace");
    String longPayload = "p".repeat(300);
    try (LogCapture log = LogCapture.of(TRACE);
        PahoClient client = PahoClient.connect(BROKER, id)) {
      client.subscribe(topic, 1);
      client.publish(topic, longPayload, 1);
      client.awaitMessage();
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThat(log.messages())
                      .anySatisfy(m -> assertThat(m).startsWith(id + " -> CONNECT"))
                      .anySatisfy(m -> assertThat(m).startsWith(id + " <- CONNACK"))
                      .anySatisfy(m -> assertThat(m).startsWith(id + " -> SUBSCRIBE"))
                      .anySatisfy(m -> assertThat(m).startsWith(id + " <- SUBACK"))
                      .anySatisfy(
                          m ->
                              assertThat(m)
                                  .startsWith(id + " -> PUBLISH")
                                  .contains("topic=" + topic, "qos=1")
                                  // Payloads are cut at 256 characters (seed 003).
                                  .contains("payload=\"" + "p".repeat(256) + "...\"")
                                  .doesNotContain("p".repeat(257)))
                      .anySatisfy(m -> assertThat(m).startsWith(id + " <- PUBACK"))
                      .anySatisfy(m -> assertThat(m).startsWith(id + " <- PUBLISH")));
    }
  }

  @Test
  void thePasswordNeverAppearsInTheTrace() throws Exception {
    String id = Names.clientId("trace-pw");
    try (LogCapture log = LogCapture.of(TRACE);
        PahoClient client =
            PahoClient.connect(
                BROKER,
                id,
                o -> {
                  o.setUserName("alice");
                  o.setPassword("s3cret-value".toCharArray());
                })) {
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> log.messages().stream().anyMatch(m -> m.startsWith(id + " -> CONNECT")));
      assertThat(log.messages()).noneMatch(m -> m.contains("s3cret-value"));
    }
  }
}
