package io.petrel.bench;

import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.petrel.codec.MqttEncoder;
import io.petrel.codec.ProtocolVersion;
import io.petrel.codec.Publish;
import io.petrel.codec.QoS;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Encoding a PUBLISH for a subscriber, and the choice the broker faces when one message goes to
 * many subscribers: encode it once and write a retained duplicate to each, or encode it per
 * subscriber (what {@code MqttCodec} does with a record). Sharing only works where every subscriber
 * gets the same bytes: QoS 0 (no packet id) and no per-subscriber MQTT 5 properties (subscription
 * identifiers, topic alias).
 *
 * <p>Buffers are released in the benchmark, since the broker pays for that too. The socket write
 * itself is left out: it is the same bytes either way.
 *
 * <p>The fork turns on the pooled allocator's thread cache for all threads: Netty 4.2 gives it only
 * to its own event-loop threads by default, and without it the JMH thread would measure the shared
 * arenas instead of what an event loop sees.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.allocator.useCacheForAllThreads=true")
public class PublishEncodeBenchmark {
  static final int SUBSCRIBERS = 50;

  @State(Scope.Thread)
  public static class Message {
    @Param({"16", "256", "4096"})
    int payloadSize;

    @Param({"MQTT_3_1_1", "MQTT_5"})
    ProtocolVersion version;

    /** "pooled" as asked; "adaptive" (Netty 4.2's default, which the broker's channels use). */
    @Param({"pooled"})
    String allocator;

    ByteBufAllocator alloc;
    Publish qos1;
    Publish qos0;
    final ByteBuf[] writes = new ByteBuf[SUBSCRIBERS];

    @Setup(Level.Trial)
    public void build() {
      alloc =
          switch (allocator) {
            case "pooled" -> PooledByteBufAllocator.DEFAULT;
            case "adaptive" -> new AdaptiveByteBufAllocator();
            default -> throw new IllegalArgumentException("allocator: " + allocator);
          };
      qos1 = PublishSamples.publish(payloadSize, version, QoS.AT_LEAST_ONCE);
      qos0 = PublishSamples.publish(payloadSize, version, QoS.AT_MOST_ONCE);
    }
  }

  @Benchmark
  public void encode(Message m, Blackhole bh) {
    ByteBuf out = MqttEncoder.encode(m.qos1, m.version, m.alloc);
    bh.consume(out);
    out.release();
  }

  /** What the session checks against the client's Maximum Packet Size before each send. */
  @Benchmark
  public int encodedSize(Message m) {
    return MqttEncoder.encodedSize(m.qos1, m.version);
  }

  /** Per subscriber: one encode shared by 50, plus a duplicate (a small wrapper) for each. */
  @Benchmark
  @OperationsPerInvocation(SUBSCRIBERS)
  public void fanOutEncodeOnceAndShare(Message m, Blackhole bh) {
    ByteBuf shared = MqttEncoder.encode(m.qos0, m.version, m.alloc);
    for (int i = 0; i < SUBSCRIBERS; i++) {
      m.writes[i] = shared.retainedDuplicate();
    }
    shared.release();
    flush(m.writes, bh);
  }

  /** Per subscriber: its own encode (header buffer and composite; the payload is not copied). */
  @Benchmark
  @OperationsPerInvocation(SUBSCRIBERS)
  public void fanOutEncodeEach(Message m, Blackhole bh) {
    for (int i = 0; i < SUBSCRIBERS; i++) {
      m.writes[i] = MqttEncoder.encode(m.qos0, m.version, m.alloc);
    }
    flush(m.writes, bh);
  }

  /** The channels let go of the written buffers after the flush, not one by one as written. */
  private static void flush(ByteBuf[] writes, Blackhole bh) {
    for (int i = 0; i < writes.length; i++) {
      bh.consume(writes[i]);
      writes[i].release();
      writes[i] = null;
    }
  }
}
