package io.petrel.it;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Unique client ids and topics, so that tests sharing a broker never see each other's traffic. */
public final class Names {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final String RUN =
      Integer.toString(ThreadLocalRandom.current().nextInt(46656), 36);

  private Names() {}

  /** A client id such as {@code qos-r3x-17}; short enough for any MQTT version. */
  public static String clientId(String purpose) {
    return purpose + "-" + RUN + "-" + COUNTER.incrementAndGet();
  }

  /** A topic such as {@code it/retain/r3x-18}, under which a test may add its own levels. */
  public static String topic(String purpose) {
    return "it/" + purpose + "/" + RUN + "-" + COUNTER.incrementAndGet();
  }
}
