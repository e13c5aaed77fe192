package io.petrel.broker.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.petrel.broker.routing.Message;
import io.petrel.codec.Bytes;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.QoS;
import io.petrel.codec.TopicFilter;
import io.petrel.codec.TopicName;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InflightWindowTest {
  private static final TopicFilter A_FILTER = TopicFilter.of("a");
  private static final Message M =
      new Message(
          TopicName.of("t"), Bytes.EMPTY, QoS.AT_LEAST_ONCE, false, MqttProperties.EMPTY, "p");

  @Test
  void packetIdsAreNeverZeroAndNeverReusedWhileInFlight() {
    InflightWindow w = new InflightWindow(65535);
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 65535; i++) {
      int id = w.nextPacketId();
      assertThat(id).isBetween(1, 65535); // [MQTT-2.2.1-3]
      assertThat(seen.add(id)).isTrue();
      w.add(new InflightMessage(id, M, QoS.AT_LEAST_ONCE, false, A_FILTER, List.of()));
    }
    assertThat(w.hasRoom()).isFalse();
    w.remove(40000);
    assertThat(w.nextPacketId()).isEqualTo(40000);
  }

  @Test
  void theWindowIsFullAtItsCapacity() {
    InflightWindow w = new InflightWindow(2);
    w.add(new InflightMessage(w.nextPacketId(), M, QoS.AT_LEAST_ONCE, false, A_FILTER, List.of()));
    assertThat(w.hasRoom()).isTrue();
    w.add(new InflightMessage(w.nextPacketId(), M, QoS.EXACTLY_ONCE, false, A_FILTER, List.of()));
    assertThat(w.hasRoom()).isFalse();
    assertThat(w.inOrder()).extracting(m -> m.packetId).containsExactly(1, 2);
  }
}
