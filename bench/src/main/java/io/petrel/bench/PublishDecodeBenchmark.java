package io.petrel.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.petrel.codec.Connect;
import io.petrel.codec.MalformedPacketException;
import io.petrel.codec.MqttFrameDecoder;
import io.petrel.codec.MqttPacket;
import io.petrel.codec.PacketDecoder;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding one QoS 1 PUBLISH from a client, as the broker does for every inbound message: once
 * through {@link PacketDecoder} alone, and once through {@link MqttFrameDecoder} in a Netty
 * pipeline, fed 64 packets per read the way a busy socket delivers them. Scores are per packet.
 *
 * <p>The input is a heap buffer; the broker's reads are direct buffers, whose copy of the payload
 * into the {@code Publish} costs about the same.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PublishDecodeBenchmark {
  static final int BATCH = 64;

  @State(Scope.Thread)
  public static class Input {
    @Param({"16", "256", "4096"})
    int payloadSize;

    @Param({"MQTT_3_1_1", "MQTT_5"})
    ProtocolVersion version;

    final PacketDecoder decoder = new PacketDecoder(true);
    ByteBuf packet;
    int firstByte;
    int headerSize;
    ByteBuf batch;
    EmbeddedChannel channel;

    @Setup(Level.Trial)
    public void encode() throws MalformedPacketException {
      byte[] one =
          PublishSamples.wireBytes(
              PublishSamples.publish(payloadSize, version, QoS.AT_LEAST_ONCE), version);
      packet = Unpooled.wrappedBuffer(one);
      firstByte = one[0] & 0xFF;
      headerSize = PublishSamples.fixedHeaderSize(one);
      batch = Unpooled.buffer(one.length * BATCH);
      for (int i = 0; i < BATCH; i++) {
        batch.writeBytes(one);
      }
      channel = new EmbeddedChannel(new MqttFrameDecoder(1 << 20, true));
      // The CONNECT opens the connection and sets the version the PUBLISHes are decoded with.
      channel.writeInbound(
          Unpooled.wrappedBuffer(
              PublishSamples.wireBytes(PublishSamples.connect(version), version)));
      expect(channel.readInbound() instanceof Connect, "CONNECT");
      check();
    }

    /** Fails the trial rather than measure a decoder that refuses or copies its input. */
    private void check() throws MalformedPacketException {
      expect(decode(this) instanceof Publish, "a PUBLISH from PacketDecoder");
      feed(this);
      int publishes = 0;
      for (Object p; (p = channel.readInbound()) != null; ) {
        publishes += p instanceof Publish ? 1 : 0;
      }
      expect(publishes == BATCH, BATCH + " PUBLISHes from a batch, not " + publishes);
      // ByteToMessageDecoder decodes a lone contiguous buffer in place; a copy would be measured.
      expect(!batch.isReadable() && batch.refCnt() == 1, "the batch decoded in place");
    }

    private static void expect(boolean condition, String what) {
      if (!condition) {
        throw new IllegalStateException("setup: expected " + what);
      }
    }

    @TearDown(Level.Trial)
    public void close() {
      channel.finishAndReleaseAll();
      batch.release();
    }
  }

  @Benchmark
  public MqttPacket packetDecoder(Input in) throws MalformedPacketException {
    return decode(in);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void frameDecoderBatchOf64(Input in, Blackhole bh) {
    feed(in);
    for (Object packet; (packet = in.channel.readInbound()) != null; ) {
      bh.consume(packet);
    }
  }

  /** As MqttFrameDecoder calls it: the first byte and a fresh slice of the body (one object). */
  static MqttPacket decode(Input in) throws MalformedPacketException {
    ByteBuf body = in.packet.slice(in.headerSize, in.packet.capacity() - in.headerSize);
    return in.decoder.decode(in.firstByte, body, in.version);
  }

  /** One socket read of the whole batch; the packets wait in the channel's inbound queue. */
  static void feed(Input in) {
    in.batch.readerIndex(0);
    // The decoder releases a buffer it has read to the end; the retain keeps it for the next op.
    in.channel.writeInbound(in.batch.retain());
  }
}
