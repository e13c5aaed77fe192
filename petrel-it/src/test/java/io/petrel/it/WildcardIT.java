package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Do + and # match the topics the spec says, and do invalid filters fail alone in a SUBSCRIBE? */
class WildcardIT {
  @RegisterExtension static final BrokerExtension BROKER = BrokerExtension.withDefaults();

  @Test
  void plusMatchesExactlyOneLevel_MQTT_4_7_1_3() throws Exception {
    String base = Names.topic("plus");
    try (PahoClient client = PahoClient.connect(BROKER, Names.clientId("plus"))) {
      client.subscribe(base + "/+/c", 1);
      client.publish(base + "/b/c", "one level", 1);
      client.publish(base + "/c", "no level", 1);
      client.publish(base + "/b/b/c", "two levels", 1);
      client.publish(base + "//c", "empty level", 1);
      client.subscribe(base + "/b/end", 1);
      client.publish(base + "/b/end", "marker", 1);

      client.awaitMessage(base + "/b/end");
      assertThat(client.payloads()).containsExactly("one level", "empty level", "marker");
    }
  }

  @Test
  void hashMatchesTheParentAndAnyNumberOfChildLevels_MQTT_4_7_1_2() throws Exception {
    String base = Names.topic("hash");
    try (PahoClient client = PahoClient.connect(BROKER, Names.clientId("hash"))) {
      client.subscribe(base + "/#", 1);
      client.publish(base, "parent", 1);
      client.publish(base + "/x", "child", 1);
      client.publish(base + "/x/y/z", "grandchild", 1);
      client.publish(base + "-sibling/x", "sibling", 1);

      client.awaitMessages(3);
      Quiet.holds(() -> client.received().size() == 3);
      assertThat(client.payloads()).containsExactly("parent", "child", "grandchild");
    }
  }

  @Test
  void hashAloneAndPlusFirstDoNotMatchDollarTopics_MQTT_4_7_2_1() throws Exception {
    String dollarRoot = "$it-" + Names.clientId("d");
    String marker = Names.topic("dollar-marker");
    try (PahoClient everything = PahoClient.connect(BROKER, Names.clientId("dollar-all"));
        PahoClient plusFirst = PahoClient.connect(BROKER, Names.clientId("dollar-plus"));
        PahoClient explicit = PahoClient.connect(BROKER, Names.clientId("dollar-explicit"));
        PahoClient publisher = PahoClient.connect(BROKER, Names.clientId("dollar-pub"))) {
      everything.subscribe("#", 1);
      plusFirst.subscribe("+/x", 1);
      plusFirst.subscribe(marker, 1);
      explicit.subscribe(dollarRoot + "/#", 1);

      publisher.publish(dollarRoot + "/x", "dollar", 1);
      publisher.publish(marker, "marker", 1);

      // The marker went out after the $ message on the same route: once it is in, the $
      // message would be too.
      everything.awaitMessage(marker);
      plusFirst.awaitMessage(marker);
      assertThat(everything.received()).noneMatch(r -> r.topic().startsWith("$"));
      assertThat(plusFirst.received()).noneMatch(r -> r.topic().startsWith("$"));
      assertThat(explicit.awaitMessage())
          .isEqualTo(new Received(dollarRoot + "/x", "dollar", 1, false));
    }
  }

  @Test
  void explicitDollarSysFilterMatchesDollarSysTopics() throws Exception {
    String leaf = Names.clientId("sys");
    try (PahoClient client = PahoClient.connect(BROKER, Names.clientId("sys-sub"))) {
      client.subscribe("$SYS/it/" + leaf + "/#", 1);
      client.publish("$SYS/it/" + leaf + "/x", "sys", 1);
      assertThat(client.awaitMessage().payload()).isEqualTo("sys");
    }
  }

  @Test
  void invalidFiltersGetFailure0x80WhileValidOnesInTheSameSubscribeSucceed_MQTT_3_8_4_5() {
    String valid = Names.topic("valid");
    try (RawMqttClient client =
        RawMqttClient.connected(BROKER.port(), MqttBytes.connect(Names.clientId("bad-filter")))) {
      client.send(MqttBytes.subscribe(3, "a/#/b", 0, valid, 1, "a+", 2, valid + "/+/#", 2));
      client.expect("90 06 00 03 80 01 80 02");

      // The connection stays usable and the valid subscriptions work.
      client.send(MqttBytes.publish(valid, "ok", 0, 0));
      assertThat(client.expectPublish().payload()).isEqualTo("ok");
    }
  }

  @Test
  void hashNotAtTheEndAndPlusInsideALevelAreInvalid_MQTT_4_7_1_2_and_4_7_1_3() {
    try (RawMqttClient client =
        RawMqttClient.connected(BROKER.port(), MqttBytes.connect(Names.clientId("bad-filter2")))) {
      client.send(MqttBytes.subscribe(4, "a#", 0, "#/a", 0, "a/+b", 0, "+", 0, "#", 0, "+/+", 0));
      client.expect("90 08 00 04 80 80 80 00 00 00");
    }
  }

  @Test
  void leadingSlashMakesAnEmptyFirstLevel_MQTT_4_7_1_1() throws Exception {
    String leaf = Names.clientId("slash");
    try (PahoClient client = PahoClient.connect(BROKER, Names.clientId("slash-sub"))) {
      client.subscribe("+/" + leaf, 1);
      client.publish(leaf, "no leading slash", 1);
      client.publish("/" + leaf, "leading slash", 1);

      assertThat(client.awaitMessage())
          .isEqualTo(new Received("/" + leaf, "leading slash", 1, false));
      Quiet.holds(() -> client.received().size() == 1);
    }
  }

  @Test
  void multiByteUtf8TopicsAreDeliveredAndMatchedIntact() {
    // Two-, three- and four-byte UTF-8; the four-byte one is a surrogate pair in Java. HiveMQ,
    // because Paho 1.2.5 refuses supplementary characters on its own ("Invalid UTF-8 char").
    String base = Names.topic("utf8") + "/\u00fc/\u65e5\u672c/\ud83d\ude80";
    try (HiveClient client = HiveClient.connect(BROKER, Names.clientId("utf8"))) {
      client.subscribe(base + "/+", 1);
      client.publish(base + "/\u00e9", "unicode", 1);
      assertThat(client.awaitMessage())
          .isEqualTo(new Received(base + "/\u00e9", "unicode", 1, false));
    }
  }

  @Test
  void byteOrderMarkInATopicIsKeptNotStripped_MQTT_1_5_3_3() {
    String topic = "\ufeff" + Names.topic("bom");
    try (RawMqttClient client =
        RawMqttClient.connected(BROKER.port(), MqttBytes.connect(Names.clientId("bom")))) {
      client.send(MqttBytes.subscribe(1, topic, 0));
      client.expect("90 03 00 01 00");
      client.send(MqttBytes.publish(topic, "bom", 0, 0));
      assertThat(client.expectPublish().topic()).isEqualTo(topic);
    }
  }

  @Test
  void retainedDollarTopicsAreNotSentToHashOrPlusSubscribers_MQTT_4_7_2_1() throws Exception {
    String dollarTopic = "$it-" + Names.clientId("rd") + "/x";
    String marker = Names.topic("retained-marker");
    try (PahoClient publisher = PahoClient.connect(BROKER, Names.clientId("rd-pub"))) {
      publisher.publish(dollarTopic, "hidden", 1, true);
      publisher.publish(marker, "visible", 1, true);
    }
    try (PahoClient everything = PahoClient.connect(BROKER, Names.clientId("rd-all"));
        PahoClient plusFirst = PahoClient.connect(BROKER, Names.clientId("rd-plus"));
        PahoClient explicit = PahoClient.connect(BROKER, Names.clientId("rd-explicit"))) {
      everything.subscribe("#", 1);
      plusFirst.subscribe("+/x", 1);
      explicit.subscribe(dollarTopic, 1);

      everything.awaitMessage(marker);
      assertThat(explicit.awaitMessage()).isEqualTo(new Received(dollarTopic, "hidden", 1, true));
      Quiet.holds(
          () ->
              everything.received().stream().noneMatch(r -> r.topic().startsWith("$"))
                  && plusFirst.received().stream().noneMatch(r -> r.topic().startsWith("$")));
    }
  }
}
