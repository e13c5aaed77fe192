package io.petrel.cli;

import ch.qos.logback.classic.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The command line's logging switches, applied to Logback on top of logback.xml. */
final class Logging {
  /** The broker logs every packet here at TRACE. */
  static final String TRACE_LOGGER = "io.petrel.broker.trace";

  private Logging() {}

  static void configure(boolean verbose, boolean trace) {
    if (verbose) {
      logback(Logger.ROOT_LOGGER_NAME).setLevel(Level.DEBUG);
    }
    if (trace) {
      logback(TRACE_LOGGER).setLevel(Level.TRACE);
    }
  }

  private static ch.qos.logback.classic.Logger logback(String name) {
    return (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name);
  }
}
