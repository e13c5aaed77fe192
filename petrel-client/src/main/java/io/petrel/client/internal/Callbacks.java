package io.petrel.client.internal;

import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * The client's callback thread: futures complete and application code (handlers, listeners) runs
 * here, one task at a time in order, never on the network thread. A handler that blocks delays
 * later callbacks but not the protocol; one that throws is logged, and the thread lives on.
 */
final class Callbacks {
  private static final InternalLogger log = InternalLoggerFactory.getInstance(Callbacks.class);

  private final ExecutorService executor;
  private volatile Thread thread;

  Callbacks(String name) {
    executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              thread = t;
              return t;
            });
  }

  <T> void complete(CompletableFuture<T> f, T value) {
    run(() -> f.complete(value));
  }

  void fail(CompletableFuture<?> f, Throwable error) {
    run(() -> f.completeExceptionally(error));
  }

  /** Runs application code, logging what it throws. */
  void runApplicationCode(Runnable task, String what) {
    run(
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            log.warn("{} failed", what, e);
          }
        });
  }

  /** After {@link #shutdown} the task runs on the caller's thread: a result is never lost. */
  void run(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      task.run();
    }
  }

  boolean onThread() {
    return Thread.currentThread() == thread;
  }

  /** Runs what is queued, then ends the thread. */
  void shutdown() {
    executor.shutdown();
  }
}
