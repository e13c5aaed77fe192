package io.petrel.broker.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.petrel.broker.routing.Message;
import io.petrel.codec.Bytes;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.QoS;
import io.petrel.codec.TopicFilter;
import io.petrel.codec.TopicName;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {
  private static final TopicFilter A = TopicFilter.of("a/#");
  private static final TopicFilter B = TopicFilter.of("b/#");

  private static Message message(String payload) {
    return new Message(
        TopicName.of("t"),
        Bytes.utf8(payload),
        QoS.AT_LEAST_ONCE,
        false,
        MqttProperties.EMPTY,
        "p");
  }

  private static List<String> drain(OutboundQueue q) {
    List<String> out = new ArrayList<>();
    QueuedMessage m;
    while ((m = q.poll()) != null) {
      out.add(m.message().payload().toUtf8String());
    }
    return out;
  }

  @Test
  void aFullSubscriptionBufferDropsItsOldestMessageWhateverTheQos() {
    OutboundQueue q = new OutboundQueue(3);
    List<String> dropped = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      QueuedMessage d = q.add(A, message(String.valueOf(i)), QoS.values()[i % 3], false, List.of());
      if (d != null) {
        dropped.add(d.message().payload().toUtf8String());
      }
    }
    assertThat(dropped).containsExactly("0", "1");
    assertThat(q.size()).isEqualTo(3);
    assertThat(drain(q)).containsExactly("2", "3", "4");
  }

  @Test
  void buffersOfDifferentSubscriptionsDrainInArrivalOrder() {
    OutboundQueue q = new OutboundQueue(10);
    q.add(A, message("1"), QoS.AT_LEAST_ONCE, false, List.of());
    q.add(B, message("2"), QoS.AT_LEAST_ONCE, false, List.of());
    q.add(A, message("3"), QoS.AT_LEAST_ONCE, false, List.of());
    q.add(B, message("4"), QoS.AT_LEAST_ONCE, false, List.of());
    assertThat(drain(q)).containsExactly("1", "2", "3", "4");
    assertThat(q.isEmpty()).isTrue();
  }

  @Test
  void eachSubscriptionHasItsOwnLimit() {
    OutboundQueue q = new OutboundQueue(2);
    for (int i = 0; i < 4; i++) {
      q.add(A, message("a" + i), QoS.AT_LEAST_ONCE, false, List.of());
    }
    q.add(B, message("b0"), QoS.AT_LEAST_ONCE, false, List.of());
    assertThat(q.size(A)).isEqualTo(2);
    assertThat(q.size(B)).isEqualTo(1);
    assertThat(drain(q)).containsExactly("a2", "a3", "b0");
  }

  @Test
  void aBufferGrowsPastItsInitialSizeUpToItsCapacity() {
    OutboundQueue q = new OutboundQueue(5000);
    for (int i = 0; i < 6000; i++) {
      q.add(A, message(String.valueOf(i)), QoS.AT_LEAST_ONCE, false, List.of());
    }
    List<String> drained = drain(q);
    assertThat(drained).hasSize(5000);
    assertThat(drained.get(0)).isEqualTo("1000");
    assertThat(drained.get(4999)).isEqualTo("5999");
  }

  @Test
  void handOverRemovesWhatTheTakerTakesFromTheSelectedBuffersOnly() {
    OutboundQueue q = new OutboundQueue(10);
    TopicFilter shared = TopicFilter.of("$share/g/a/#");
    q.add(shared, message("s1"), QoS.AT_LEAST_ONCE, false, List.of());
    q.add(A, message("a1"), QoS.AT_LEAST_ONCE, false, List.of());
    q.add(shared, message("s2"), QoS.AT_LEAST_ONCE, false, List.of());
    q.add(shared, message("s3"), QoS.AT_LEAST_ONCE, false, List.of());
    List<String> taken = new ArrayList<>();
    q.handOver(
        shared::equals,
        (via, m) -> {
          if (taken.size() == 2) {
            return false; // refused: the rest of this buffer stays
          }
          taken.add(m.message().payload().toUtf8String());
          return true;
        });
    assertThat(taken).containsExactly("s1", "s2");
    assertThat(q.size()).isEqualTo(2);
    assertThat(q.poll().message().payload().toUtf8String()).isEqualTo("a1");
    assertThat(q.poll().message().payload().toUtf8String()).isEqualTo("s3");
  }
}
