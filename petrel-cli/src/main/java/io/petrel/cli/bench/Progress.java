package io.petrel.cli.bench;

import java.io.PrintWriter;
import java.util.function.LongFunction;

/**
 * The one refreshing status line on stderr: rewritten in place with a carriage return every second,
 * and wiped before the summary. Off with --no-progress, and when stderr is not a terminal, where
 * carriage returns would only pile up in a log file.
 */
final class Progress {
  private static final long PERIOD_NANOS = 1_000_000_000L;

  private final PrintWriter err;
  private final boolean enabled;
  private LongFunction<String> line = now -> "";
  private long nextNanos;
  private int width;

  Progress(PrintWriter err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  boolean enabled() {
    return enabled;
  }

  /** What to show, given the current nanoTime; the first line comes a second from now. */
  void show(LongFunction<String> line) {
    this.line = line;
    nextNanos = System.nanoTime() + PERIOD_NANOS;
  }

  void tick() {
    long now = System.nanoTime();
    if (!enabled || now < nextNanos) {
      return;
    }
    nextNanos += PERIOD_NANOS * Math.max(1, (now - nextNanos) / PERIOD_NANOS + 1);
    String text = line.apply(now);
    err.print("\r" + text + " ".repeat(Math.max(0, width - text.length())));
    err.flush();
    width = text.length();
  }

  void clear() {
    if (width > 0) {
      err.print("\r" + " ".repeat(width) + "\r");
      err.flush();
      width = 0;
    }
  }
}
