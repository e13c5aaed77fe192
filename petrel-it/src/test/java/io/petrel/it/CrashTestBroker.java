package io.petrel.it;

import io.petrel.broker.Broker;
import io.petrel.broker.config.BrokerConfig;
import io.petrel.broker.config.ListenerConfig;
import io.petrel.broker.config.PersistenceSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * A broker in a process of its own, for {@link BrokerCrashIT} to kill with SIGKILL: {@code
 * CrashTestBroker DATA_DIR PORT}. It runs until killed.
 */
public final class CrashTestBroker {
  private CrashTestBroker() {}

  public static void main(String[] args) throws InterruptedException {
    Broker.start(
        BrokerConfig.builder()
            .listeners(List.of(ListenerConfig.loopback(Integer.parseInt(args[1]))))
            .persistence(PersistenceSettings.defaults().withDirectory(Path.of(args[0])))
            .maxQueuedMessages(Integer.MAX_VALUE) // nothing dropped: every message is counted
            .build());
    Thread.sleep(Long.MAX_VALUE);
  }
}
