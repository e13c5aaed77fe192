package io.petrel.cli.client;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

/**
 * pub and sub own stdout (sub prints messages there, for pipes), so their log goes to stderr: only
 * warnings, or the client's debug log with {@code --debug}.
 */
final class ClientLogging {
  private static final String APPENDER = "STDERR";

  private ClientLogging() {}

  static synchronized void configure(boolean debug) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (root.getAppender(APPENDER) == null) {
      PatternLayoutEncoder encoder = new PatternLayoutEncoder();
      encoder.setContext(context);
      encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n");
      encoder.start();
      ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
      stderr.setContext(context);
      stderr.setName(APPENDER);
      stderr.setTarget("System.err");
      stderr.setEncoder(encoder);
      stderr.start();
      root.detachAppender("CONSOLE");
      root.addAppender(stderr);
    }
    root.setLevel(Level.WARN);
    context.getLogger("io.petrel.client").setLevel(debug ? Level.DEBUG : Level.WARN);
  }
}
