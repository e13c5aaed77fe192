package io.petrel.cli;

import io.netty.util.ResourceLeakDetector;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code petrel} command: run a broker, and (in later versions) talk to one. */
@Command(
    name = "petrel",
    description = "Petrel MQTT broker and tools.",
    subcommands = {
      BrokerCommand.class,
      io.petrel.cli.bench.BenchCommand.class,
      PasswdCommand.class,
      io.petrel.cli.client.PubCommand.class,
      io.petrel.cli.client.SubCommand.class,
      io.petrel.cli.client.ProfileCommand.class
    },
    mixinStandardHelpOptions = true,
    versionProvider = Petrel.Version.class)
public final class Petrel implements Runnable {
  /** Used when not running from the jar (tests, the IDE). */
  static final String FALLBACK_VERSION = "0.1.0-SNAPSHOT";

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    // Netty samples buffers for leak reports by default, which costs a stack trace per sample on
    // the publish path. Tests run with paranoid detection; the command runs without unless asked
    // (-Dio.netty.leakDetection.level=simple in PETREL_JAVA_OPTS).
    if (System.getProperty("io.netty.leakDetection.level") == null) {
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return io.petrel.cli.client.UsageErrors.install(new CommandLine(new Petrel()));
  }

  /** No subcommand: show what there is. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
  }

  /** Petrel's version, from the jar manifest. */
  static String version() {
    String version = Petrel.class.getPackage().getImplementationVersion();
    return version != null ? version : FALLBACK_VERSION;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"petrel " + version()};
    }
  }
}
