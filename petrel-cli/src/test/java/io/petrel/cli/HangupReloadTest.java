package io.petrel.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.petrel.broker.Broker;
import io.petrel.broker.auth.PasswordFile;
import io.petrel.broker.auth.PasswordFileAuthenticator;
import io.petrel.broker.config.BrokerConfig;
import io.petrel.broker.config.ListenerConfig;
import io.petrel.broker.store.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** Does SIGHUP make the broker read its password file again at once? */
class HangupReloadTest {
  private static final String ALICE =
      "alice:$7$101$e47HXDhQApbIW0MV$qCyqwJbz/rDyRyr+DgGxFFr7TA+iS8oTvSxjP06xzBhuFYKENIboecumNd8/jXvJpA0f5ZgSfweIIbJMtdseCQ==";

  @TempDir Path dir;

  @Test
  void sighupReloadsThePasswordFile() throws Exception {
    Path passwd = dir.resolve("passwd");
    Files.write(passwd, List.of(ALICE));
    BrokerConfig config =
        BrokerConfig.builder()
            .listeners(List.of(ListenerConfig.loopback(0)))
            .passwordFile(passwd)
            .build();
    Logger logger = (Logger) LoggerFactory.getLogger(PasswordFileAuthenticator.class);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    logger.addAppender(log);
    try (Broker broker = Broker.start(config, Stores.inMemory())) {
      // Without a handler SIGHUP would end the test JVM: raise it only once handled.
      assumeTrue(HangupReload.install(broker), "this JVM cannot handle SIGHUP");
      // Same size and, within the file system's clock, maybe the same time: only a reload on
      // demand is sure to see it before the periodic check.
      PasswordFile.read(passwd).withoutUser("alice").write(passwd);

      Signal.raise(new Signal("HUP"));

      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                synchronized (log) {
                  return log.list.stream()
                      .anyMatch(
                          e ->
                              e.getFormattedMessage()
                                  .equals("Reloaded the password file " + passwd + ": 0 user(s)"));
                }
              });
    } finally {
      logger.detachAppender(log);
    }
  }
}
