package io.petrel.client.internal;

import io.petrel.client.PublishResult;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.Publish;
import io.petrel.codec.ReasonCode;
import java.util.concurrent.CompletableFuture;

/**
 * One outbound QoS 1 or 2 message from its PUBLISH to its PUBACK or PUBCOMP. Session state: it
 * survives reconnects, and with an in-flight store also restarts.
 */
final class OutboundFlow {
  /** Where the flow stands. */
  enum Stage {
    /** PUBLISH written (or to be resent); waiting for PUBACK or PUBREC. */
    PUBLISHED,
    /** PUBREC received, PUBREL written; waiting for PUBCOMP. */
    RELEASED
  }

  final Publish publish;
  final CompletableFuture<PublishResult> future;
  final long sequence;
  Stage stage;
  // What PUBREC said: the result of a QoS 2 publish once PUBCOMP arrives.
  ReasonCode receivedReason = ReasonCode.SUCCESS;
  MqttProperties receivedProperties = MqttProperties.EMPTY;

  OutboundFlow(
      Publish publish, CompletableFuture<PublishResult> future, long sequence, Stage stage) {
    this.publish = publish;
    this.future = future;
    this.sequence = sequence;
    this.stage = stage;
  }

  int packetId() {
    return publish.packetId();
  }
}
