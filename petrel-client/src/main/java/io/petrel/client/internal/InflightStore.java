package io.petrel.client.internal;

import io.petrel.codec.Publish;
import java.io.IOException;
import java.util.List;

/**
 * Where outbound QoS 1 and 2 messages are kept until acknowledged. Every change is durable when the
 * method returns, and the client calls it before the packet it records goes on the wire: a message
 * whose PUBLISH the broker may have seen is always in the store.
 */
interface InflightStore extends AutoCloseable {
  /** A message read back from the store. */
  record Stored(Publish publish, OutboundFlow.Stage stage, long sequence) {}

  /** The messages left by an earlier client, oldest first. */
  List<Stored> load() throws IOException;

  /** Records a message about to be published with its packet id. */
  void published(Publish publish, long sequence) throws IOException;

  /** Records that the broker sent PUBREC: from now on the message is resent as a PUBREL. */
  void released(int packetId) throws IOException;

  /** Forgets a message: acknowledged, completed or failed for good. */
  void completed(int packetId) throws IOException;

  @Override
  void close() throws IOException;

  /** The store of a client without one: nothing survives the process. */
  static InflightStore none() {
    return new InflightStore() {
      @Override
      public List<Stored> load() {
        return List.of();
      }

      @Override
      public void published(Publish publish, long sequence) {}

      @Override
      public void released(int packetId) {}

      @Override
      public void completed(int packetId) {}

      @Override
      public void close() {}
    };
  }
}
