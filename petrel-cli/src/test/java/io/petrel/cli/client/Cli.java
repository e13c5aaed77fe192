package io.petrel.cli.client;

import static org.awaitility.Awaitility.await;

import io.petrel.broker.Broker;
import io.petrel.broker.config.BrokerConfig;
import io.petrel.broker.config.ListenerConfig;
import io.petrel.broker.store.Stores;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import picocli.CommandLine;

/** Runs pub, sub and profile in-process with captured output, and starts test brokers. */
final class Cli {
  private Cli() {}

  /** What a command printed and returned. */
  record Result(int exit, String out, String err) {}

  /** A command running in the background (a subscriber). */
  record Running(CompletableFuture<Integer> exit, StringWriter out, StringWriter err) {
    Result result() throws Exception {
      int code = exit.get(30, TimeUnit.SECONDS);
      return new Result(code, out.toString(), err.toString());
    }

    /** Waits until the subscriber (run with -d) has every subscription acknowledged. */
    Running subscribed(int filters) {
      await()
          .atMost(Duration.ofSeconds(15))
          .until(
              () ->
                  exit.isDone()
                      || err.toString().split("subscribed to ", -1).length - 1 >= filters);
      return this;
    }
  }

  static Result run(Object command, String... args) {
    return run(command, new ByteArrayInputStream(new byte[0]), args);
  }

  static Result run(Object command, InputStream stdin, String... args) {
    Running r = start(command, stdin, args);
    try {
      return r.result();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static Running start(Object command, String... args) {
    return start(command, new ByteArrayInputStream(new byte[0]), args);
  }

  static Running start(Object command, InputStream stdin, String... args) {
    if (command instanceof ClientCommand c) {
      c.withInput(stdin);
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = new CommandLine(command);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    Supplier<Integer> body = () -> commandLine.execute(args);
    return new Running(CompletableFuture.supplyAsync(body), out, err);
  }

  static PubCommand pub(Map<String, String> env) {
    return (PubCommand) new PubCommand().withEnvironment(env);
  }

  static SubCommand sub(Map<String, String> env) {
    return (SubCommand) new SubCommand().withEnvironment(env);
  }

  /** An in-memory broker on a loopback ephemeral port (never ./data). */
  static Broker broker(boolean allowAnonymous) {
    return Broker.start(
        BrokerConfig.builder()
            .listeners(List.of(ListenerConfig.loopback(0)))
            .allowAnonymous(allowAnonymous)
            .build(),
        Stores.inMemory());
  }

  /** A loopback port nothing listens on (bound a moment ago, then closed). */
  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
