package io.petrel.client.internal;

import io.petrel.client.ConnectResult;
import io.petrel.client.MqttClientException;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code connect()} calls waiting for a CONNACK, and the result of the last one accepted: a
 * second {@code connect()} while one is under way gets the same outcome. Lives on the event loop;
 * futures complete on the callback thread.
 */
final class ConnectWaiters {
  private final Callbacks callbacks;
  private CompletableFuture<ConnectResult> waiting;
  private ConnectResult last;

  ConnectWaiters(Callbacks callbacks) {
    this.callbacks = callbacks;
  }

  void add(CompletableFuture<ConnectResult> f) {
    if (waiting == null) {
      waiting = f;
    } else {
      waiting.whenComplete((r, e) -> copy(f, r, e));
    }
  }

  /** Whether a {@code connect()} waits: if not, an accepted connection is a reconnect. */
  boolean any() {
    return waiting != null;
  }

  /** Completes {@code f} with the result of the connection that is up now. */
  void alreadyConnected(CompletableFuture<ConnectResult> f) {
    callbacks.complete(f, last);
  }

  void accepted(ConnectResult result) {
    last = result;
    if (waiting != null) {
      callbacks.complete(waiting, result);
      waiting = null;
    }
  }

  void failed(MqttClientException why) {
    if (waiting != null) {
      callbacks.fail(waiting, why);
      waiting = null;
    }
  }

  private static <T> void copy(CompletableFuture<T> f, T result, Throwable error) {
    if (error != null) {
      f.completeExceptionally(error);
    } else {
      f.complete(result);
    }
  }
}
