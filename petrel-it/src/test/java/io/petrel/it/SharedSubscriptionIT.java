package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.petrel.codec.MqttProperties;
import io.petrel.codec.PropertyId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Do shared subscriptions ({@code $share/{ShareName}/{filter}}, MQTT 5.0 section 4.8.2) give each
 * message to exactly one member of the group, for MQTT 5 and 3.1.1 members alike, and hand a
 * message a member did not acknowledge to another member when that member goes?
 */
class SharedSubscriptionIT {
  @RegisterExtension static final BrokerExtension BROKER = BrokerExtension.withDefaults();

  private static List<String> payloads(int count) {
    return IntStream.range(0, count).mapToObj(i -> "m" + i).toList();
  }

  private static void publishAll(String topic, List<String> payloads, int qos) {
    try (HiveV5Client publisher = HiveV5Client.connect(BROKER.port(), Names.clientId("sh-pub"))) {
      for (String p : payloads) {
        publisher.publish(topic, p, qos, false);
      }
    }
  }

  /** Every payload arrived exactly once over all members. */
  private static void assertSplitWithoutLossOrDuplicate(
      List<String> sent, List<List<String>> perMember) {
    List<String> all = perMember.stream().flatMap(List::stream).toList();
    assertThat(all).containsExactlyInAnyOrderElementsOf(sent);
  }

  @Test
  void roundRobinSplitsMessagesEvenlyWithNoneLostOrDuplicated() {
    String topic = Names.topic("shared-rr");
    String group = "$share/rr/" + topic;
    try (HiveV5Client a = HiveV5Client.connect(BROKER.port(), Names.clientId("sh-a"));
        HiveV5Client b = HiveV5Client.connect(BROKER.port(), Names.clientId("sh-b"))) {
      assertThat(a.subscribe(group, 1)).isEqualTo(1);
      assertThat(b.subscribe(group, 1)).isEqualTo(1);
      List<String> sent = payloads(20);
      publishAll(topic, sent, 1);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> a.received().size() + b.received().size() >= 20);
      assertThat(a.received()).hasSize(10);
      assertThat(b.received()).hasSize(10);
      assertSplitWithoutLossOrDuplicate(sent, List.of(a.payloads(), b.payloads()));
    }
  }

  @Test
  void eachMemberGetsItsOwnGrantedQos_MQTT_4_8_2_3() {
    String topic = Names.topic("shared-qos");
    String group = "$share/qos/" + topic;
    try (HiveV5Client a = HiveV5Client.connect(BROKER.port(), Names.clientId("sh-q0"));
        HiveV5Client b = HiveV5Client.connect(BROKER.port(), Names.clientId("sh-q2"))) {
      a.subscribe(group, 0);
      b.subscribe(group, 2);
      publishAll(topic, payloads(4), 2);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> a.received().size() + b.received().size() >= 4);
      assertThat(a.received()).allMatch(r -> r.qos() == 0);
      assertThat(b.received()).allMatch(r -> r.qos() == 2);
    }
  }

  @Test
  void anMqtt311MemberAndAnMqtt5MemberShareOneGroup() throws Exception {
    String topic = Names.topic("shared-mixed");
    String group = "$share/mixed/" + topic;
    try (PahoClient v3 = PahoClient.connect(BROKER, Names.clientId("sh-v3"));
        HiveV5Client v5 = HiveV5Client.connect(BROKER.port(), Names.clientId("sh-v5"))) {
      assertThat(v3.subscribe(group, 1)).isEqualTo(1);
      assertThat(v5.subscribe(group, 1)).isEqualTo(1);
      List<String> sent = payloads(20);
      publishAll(topic, sent, 1);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> v3.received().size() + v5.received().size() >= 20);
      assertThat(v3.received()).hasSize(10).allMatch(r -> r.topic().equals(topic));
      assertThat(v5.received()).hasSize(10);
      assertSplitWithoutLossOrDuplicate(sent, List.of(v3.payloads(), v5.payloads()));
    }
  }

  @ParameterizedTest(name = "clean session {0}")
  @ValueSource(booleans = {true, false})
  void unacknowledgedQos1MessagesGoToAnotherMemberWhenTheirMemberDrops(boolean cleanSession) {
    String topic = Names.topic("shared-redispatch");
    String group = "$share/redo/" + topic;
    MqttBytes.Connect connect =
        MqttBytes.connect(Names.clientId("sh-raw")).cleanSession(cleanSession);
    try (RawMqttClient silent = RawMqttClient.connected(BROKER.port(), connect);
        HiveV5Client other = HiveV5Client.connect(BROKER.port(), Names.clientId("sh-other"))) {
      silent.send(MqttBytes.subscribe(1, group, 1));
      silent.expect("90 03 00 01 01");
      other.subscribe(group, 1);
      List<String> sent = payloads(10);
      publishAll(topic, sent, 1);
      // Round robin: the raw member was sent half of them, and never acknowledges them.
      List<String> unacknowledged = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        RawPacket p = silent.expectPublish();
        assertThat(p.qos()).isEqualTo(1);
        unacknowledged.add(p.payload());
      }
      other.awaitMessages(5);
      // The connection ends without DISCONNECT or PUBACK; a persistent session stays, offline,
      // and its messages still go to the member that is online (MQTT 5.0 section 4.8.2).
      silent.close();
      List<String> got = other.awaitMessages(10).stream().map(Received::payload).toList();
      assertThat(got).containsExactlyInAnyOrderElementsOf(sent);
      assertThat(got.subList(5, 10)).containsExactlyInAnyOrderElementsOf(unacknowledged);
    }
    if (!cleanSession) {
      // Back online, the persistent member has nothing left to be re-sent.
      try (RawMqttClient back = RawMqttClient.open(BROKER.port())) {
        back.send(connect.bytes());
        back.expect("20 02 01 00"); // session present
        back.expectNothing(Quiet.WINDOW);
        back.send(MqttBytes.unsubscribe(2, group));
        back.expect("B0 02 00 02");
        back.send(MqttBytes.disconnect());
      }
    }
  }

  @Test
  void aSentQos2MessageStaysWithItsMemberUntilItReconnects_MQTT_4_8_2_4() {
    String topic = Names.topic("shared-qos2");
    String group = "$share/two/" + topic;
    MqttBytes.Connect connect = MqttBytes.connect(Names.clientId("sh-q2raw")).cleanSession(false);
    try (HiveV5Client other = HiveV5Client.connect(BROKER.port(), Names.clientId("sh-q2o"))) {
      RawPacket first;
      try (RawMqttClient member = RawMqttClient.connected(BROKER.port(), connect)) {
        member.send(MqttBytes.subscribe(1, group, 2));
        member.expect("90 03 00 01 02");
        other.subscribe(group, 2);
        publishAll(topic, List.of("exactly once"), 2);
        first = member.expectPublish(); // round robin: the first member gets it
      }
      Quiet.holds(() -> other.received().isEmpty());
      try (RawMqttClient member = RawMqttClient.open(BROKER.port())) {
        member.send(connect.bytes());
        member.expect("20 02 01 00");
        RawPacket again = member.expectPublish();
        assertThat(again.dup()).isTrue(); // the same delivery, completed [MQTT-3.3.1-1]
        assertThat(again.packetId()).isEqualTo(first.packetId());
        assertThat(again.payload()).isEqualTo("exactly once");
        member.send(MqttBytes.pubrec(again.packetId()));
        member.expect(
            "62 02 " + String.format("%02X %02X", again.packetId() >> 8, again.packetId() & 0xFF));
        member.send(MqttBytes.pubcomp(again.packetId()));
        member.send(MqttBytes.unsubscribe(2, group));
        member.expect("B0 02 00 02");
        member.send(MqttBytes.disconnect());
      }
    }
  }

  @Test
  void aMessageHandedToAnotherMemberIsANewDeliveryWithoutDup() {
    String topic = Names.topic("shared-nodup");
    String group = "$share/nodup/" + topic;
    try (RawMqttClient first =
            RawMqttClient.connected(BROKER.port(), MqttBytes.connect(Names.clientId("sh-r1")));
        RawMqttClient second =
            RawMqttClient.connected(BROKER.port(), MqttBytes.connect(Names.clientId("sh-r2")))) {
      first.send(MqttBytes.subscribe(1, group, 1));
      first.expect("90 03 00 01 01");
      second.send(MqttBytes.subscribe(1, group, 1));
      second.expect("90 03 00 01 01");
      publishAll(topic, List.of("x", "y"), 1);
      RawPacket toFirst = first.expectPublish();
      RawPacket toSecond = second.expectPublish();
      second.send(MqttBytes.puback(toSecond.packetId()));
      first.kill();
      RawPacket handedOver = second.expectPublish();
      assertThat(handedOver.payload()).isEqualTo(toFirst.payload());
      assertThat(handedOver.dup()).isFalse();
      assertThat(handedOver.qos()).isEqualTo(1);
      second.send(MqttBytes.puback(handedOver.packetId()));
    }
  }

  @Test
  void noRetainedMessagesAreSentOnSubscribingToASharedSubscription() {
    String topic = Names.topic("shared-retained");
    String sentinel = Names.topic("shared-sentinel");
    try (HiveV5Client publisher = HiveV5Client.connect(BROKER.port(), Names.clientId("sh-rp"))) {
      publisher.publish(topic, "old state", 1, true);
      publisher.publish(sentinel, "sentinel", 1, true);
    }
    try (HiveV5Client member = HiveV5Client.connect(BROKER.port(), Names.clientId("sh-rm"))) {
      member.subscribe("$share/ret/" + topic, 1);
      // SUBSCRIBEs are handled in order: a retained message for the shared subscription would
      // arrive before the sentinel's (MQTT 5.0 section 3.8.4).
      member.subscribe(sentinel, 1);
      assertThat(member.awaitMessages(1).get(0).payload()).isEqualTo("sentinel");
      Quiet.holds(() -> member.received().size() == 1);
    } finally {
      try (HiveV5Client cleanup = HiveV5Client.connect(BROKER.port(), Names.clientId("sh-rc"))) {
        cleanup.publish(topic, "", 1, true);
        cleanup.publish(sentinel, "", 1, true);
      }
    }
  }

  @Test
  void anOrdinarySubscriptionOfAMemberIsASeparateDelivery() {
    String topic = Names.topic("shared-both");
    try (HiveV5Client member = HiveV5Client.connect(BROKER.port(), Names.clientId("sh-both"))) {
      member.subscribe("$share/both/" + topic, 1);
      member.subscribe(topic, 1);
      publishAll(topic, List.of("once"), 1);
      assertThat(member.awaitMessages(2))
          .extracting(Received::payload)
          .containsExactly("once", "once");
      Quiet.holds(() -> member.received().size() == 2);
    }
  }

  @Test
  void aMemberThatUnsubscribesOrEndsItsSessionGetsNoMore() throws Exception {
    String topic = Names.topic("shared-leave");
    String group = "$share/leave/" + topic;
    try (HiveV5Client stays = HiveV5Client.connect(BROKER.port(), Names.clientId("sh-stay"));
        HiveV5Client leaves = HiveV5Client.connect(BROKER.port(), Names.clientId("sh-leave"))) {
      stays.subscribe(group, 1);
      leaves.subscribe(group, 1);
      leaves.unsubscribe(group);
      publishAll(topic, payloads(6), 1);
      stays.awaitMessages(6);
      assertThat(leaves.received()).isEmpty();
      PahoClient ends = PahoClient.connect(BROKER, Names.clientId("sh-ends"));
      ends.subscribe(group, 1);
      ends.close(); // a clean session ends with its connection
      List<String> more = List.of("n0", "n1", "n2", "n3");
      publishAll(topic, more, 1);
      assertThat(stays.awaitMessages(10)).extracting(Received::payload).containsAll(more);
    }
  }

  @Test
  void whenEveryMemberIsOfflineAMessageWaitsInOneMembersSession() {
    String topic = Names.topic("shared-offline");
    String group = "$share/off/" + topic;
    String idA = Names.clientId("sh-offa");
    String idB = Names.clientId("sh-offb");
    try (HiveV5Client a = HiveV5Client.connectPersistent(BROKER.port(), idA);
        HiveV5Client b = HiveV5Client.connectPersistent(BROKER.port(), idB)) {
      a.subscribe(group, 1);
      b.subscribe(group, 1);
    }
    List<String> sent = payloads(4);
    publishAll(topic, sent, 1);
    try (HiveV5Client a = HiveV5Client.connectPersistent(BROKER.port(), idA);
        HiveV5Client b = HiveV5Client.connectPersistent(BROKER.port(), idB)) {
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> a.received().size() + b.received().size() >= 4);
      assertSplitWithoutLossOrDuplicate(sent, List.of(a.payloads(), b.payloads()));
      a.unsubscribe(group);
      b.unsubscribe(group);
    }
  }

  @Test
  void anOnlineMemberIsPreferredToAnOfflineOne() {
    String topic = Names.topic("shared-online");
    String group = "$share/on/" + topic;
    String offlineId = Names.clientId("sh-away");
    try (HiveV5Client away = HiveV5Client.connectPersistent(BROKER.port(), offlineId)) {
      away.subscribe(group, 1);
    }
    try (HiveV5Client online = HiveV5Client.connect(BROKER.port(), Names.clientId("sh-here"))) {
      online.subscribe(group, 1);
      List<String> sent = payloads(6);
      publishAll(topic, sent, 1);
      assertThat(online.awaitMessages(6))
          .extracting(Received::payload)
          .containsExactlyElementsOf(sent);
    }
    try (HiveV5Client away = HiveV5Client.connectPersistent(BROKER.port(), offlineId)) {
      assertThat(away.connAck().isSessionPresent()).isTrue();
      Quiet.holds(() -> away.received().isEmpty());
      away.unsubscribe(group);
    }
  }

  @Test
  void anInvalidSharedFilterFailsOnlyItsOwnSubackEntry_MQTT_4_8_2_1_MQTT_4_8_2_2() {
    // MQTT 3.1.1: 0x80 for each invalid entry; the valid one is granted.
    try (RawMqttClient v3 =
        RawMqttClient.connected(BROKER.port(), MqttBytes.connect(Names.clientId("sh-bad3")))) {
      v3.send(
          MqttBytes.subscribe(
              1, "$share//t", 0, "$share/g", 0, "$share/+/t", 0, "$share/g/", 0, "$share/g/t", 1));
      v3.expect("90 07 00 01 80 80 80 80 01");
    }
    // MQTT 5: Topic Filter invalid, 0x8F (no reason string: the client asks for no problem
    // information, so that the bytes are exact).
    try (RawMqttClient v5 =
        V5Bytes.connected(
            BROKER.port(),
            Names.clientId("sh-bad5"),
            MqttProperties.builder().integer(PropertyId.REQUEST_PROBLEM_INFORMATION, 0).build())) {
      // SUBSCRIBE id 1, no properties: "$share//t" QoS 0, "$share/#" QoS 0, "$share/g/t" QoS 1.
      v5.sendHex(
          "82 27 00 01 00"
              + " 00 09 24 73 68 61 72 65 2F 2F 74 00"
              + " 00 08 24 73 68 61 72 65 2F 23 00"
              + " 00 0A 24 73 68 61 72 65 2F 67 2F 74 01");
      v5.expect("90 06 00 01 00 8F 8F 01");
    }
  }

  @Test
  void noLocalOnASharedSubscriptionIsAProtocolError_MQTT_3_8_3_4() {
    try (RawMqttClient v5 =
        V5Bytes.connected(BROKER.port(), Names.clientId("sh-nl"), MqttProperties.EMPTY)) {
      // SUBSCRIBE id 1, no properties, "$share/g/t" with options 0x04: No Local, QoS 0.
      v5.sendHex("82 10 00 01 00 00 0A 24 73 68 61 72 65 2F 67 2F 74 04");
      RawPacket disconnect = v5.read();
      assertThat(V5Bytes.disconnectReason(disconnect)).isEqualTo(0x82);
      v5.awaitClosed();
    }
  }

  @Test
  void theMembersOfTwoGroupsOnOneFilterEachGetEveryMessageOnce() {
    String topic = Names.topic("shared-two");
    try (HiveV5Client one = HiveV5Client.connect(BROKER.port(), Names.clientId("sh-g1"));
        HiveV5Client two = HiveV5Client.connect(BROKER.port(), Names.clientId("sh-g2"))) {
      one.subscribe("$share/one/" + topic, 1);
      two.subscribe("$share/two/" + topic, 1);
      List<String> sent = payloads(5);
      publishAll(topic, sent, 1);
      assertThat(one.awaitMessages(5))
          .extracting(Received::payload)
          .containsExactlyElementsOf(sent);
      assertThat(two.awaitMessages(5))
          .extracting(Received::payload)
          .containsExactlyElementsOf(sent);
    }
  }
}
