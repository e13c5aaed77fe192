package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.petrel.codec.WildcardSyntax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With separator '.', single-level '*' and multi-level '>', do filters match as configured? */
class CustomWildcardSyntaxIT {
  @RegisterExtension
  static final BrokerExtension BROKER =
      BrokerExtension.withConfig(b -> b.wildcardSyntax(new WildcardSyntax('.', '*', '>')));

  @Test
  void starMatchesOneLevel() throws Exception {
    String root = Names.clientId("star");
    try (PahoClient client = PahoClient.connect(BROKER, Names.clientId("star-sub"))) {
      client.subscribe(root + ".*.c", 1);
      client.publish(root + ".b.c", "match", 1);
      client.publish(root + ".b.b.c", "too deep", 1);
      client.subscribe(root + ".end", 1);
      client.publish(root + ".end", "marker", 1);

      client.awaitMessage(root + ".end");
      assertThat(client.payloads()).containsExactly("match", "marker");
    }
  }

  @Test
  void greaterThanMatchesTheRestOfTheTopic() throws Exception {
    String root = Names.clientId("gt");
    try (PahoClient client = PahoClient.connect(BROKER, Names.clientId("gt-sub"))) {
      client.subscribe(root + ".>", 1);
      client.publish(root + ".b.c", "deep", 1);
      client.publish(root + ".b", "shallow", 1);

      client.awaitMessages(2);
      assertThat(client.payloads()).containsExactly("deep", "shallow");
    }
  }

  @Test
  void slashIsAnOrdinaryCharacterInsideALevel() throws Exception {
    String root = Names.clientId("slash");
    try (PahoClient client = PahoClient.connect(BROKER, Names.clientId("slash-sub"))) {
      client.subscribe(root + ".*", 1);
      client.publish(root + ".b/c", "one level with a slash", 1);

      assertThat(client.awaitMessage())
          .isEqualTo(new Received(root + ".b/c", "one level with a slash", 1, false));
    }
  }

  @Test
  void plusAndHashAreOrdinaryCharactersAndMatchOnlyLiterally() {
    // Paho and HiveMQ refuse '+' and '#' in topic names on their own, so this one is raw.
    String root = Names.clientId("literal");
    try (RawMqttClient client =
        RawMqttClient.connected(BROKER.port(), MqttBytes.connect(Names.clientId("literal-sub")))) {
      client.send(MqttBytes.subscribe(1, root + ".a+", 1, root + ".#", 1));
      client.expect("90 04 00 01 01 01");

      client.send(MqttBytes.publish(root + ".ab", "no match", 0, 0));
      client.send(MqttBytes.publish(root + ".a+", "plus", 0, 0));
      client.send(MqttBytes.publish(root + ".#", "hash", 0, 0));
      assertThat(client.expectPublish().payload()).isEqualTo("plus");
      assertThat(client.expectPublish().payload()).isEqualTo("hash");
      client.expectNothing(Quiet.WINDOW);
    }
  }

  @Test
  void publishToATopicWithAConfiguredWildcardClosesTheConnection_MQTT_3_3_2_2() {
    try (RawMqttClient client =
        RawMqttClient.connected(BROKER.port(), MqttBytes.connect(Names.clientId("star-pub")))) {
      client.send(MqttBytes.publish("a.*", "wild", 0, 0));
      client.awaitClosed();
    }
  }

  @Test
  void filtersMisusingTheConfiguredWildcardsAreRefused() {
    try (RawMqttClient client =
        RawMqttClient.connected(BROKER.port(), MqttBytes.connect(Names.clientId("bad-custom")))) {
      client.send(MqttBytes.subscribe(2, "a.>.b", 0, "a*", 0, "a.*.b", 1));
      client.expect("90 05 00 02 80 80 01");
    }
  }
}
