package io.petrel.client.internal;

import io.petrel.codec.Publish;

/** Where a subscription's messages go: the public handler types, adapted by the client. */
@FunctionalInterface
public interface Receiver {
  /**
   * Takes one received message. Runs on the callback thread.
   *
   * @param publish the PUBLISH as received
   */
  void receive(Publish publish);
}
