package io.petrel.cli.client;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code petrel profile}: named connection settings, as the connector's stored connections, for
 * {@code pub --profile} and {@code sub --profile}. Passwords are stored encrypted, never shown.
 */
@Command(
    name = "profile",
    description = {
      "Manage connection profiles: named broker settings for pub and sub --profile NAME.",
      "",
      "Profiles live in profiles.properties in $PETREL_CONFIG_HOME, else $XDG_CONFIG_HOME/petrel,"
          + " else ~/.config/petrel (mode 0600). Passwords are encrypted with AES-256-GCM under"
          + " the key in PETREL_ENCRYPTION_KEY (base64 of 32 bytes, or a passphrase) or, when it is"
          + " not set, in encryption.key next to the profiles (created on first use, mode 0600)."
    },
    subcommands = {
      ProfileCommand.Add.class,
      ProfileCommand.ListProfiles.class,
      ProfileCommand.Show.class,
      ProfileCommand.Remove.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done",
      "1:the profiles file or the key could not be read or written",
      "2:bad command line, unknown profile"
    })
public final class ProfileCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
  boolean help;

  Map<String, String> env = System.getenv();

  /** For tests: the environment (PETREL_CONFIG_HOME, PETREL_ENCRYPTION_KEY). */
  ProfileCommand withEnvironment(Map<String, String> value) {
    env = value;
    return this;
  }

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("petrel profile: say add, list, show or remove");
    return CliFailure.USAGE;
  }

  /** Runs a subcommand's body with the same one-line error handling as pub and sub. */
  int guarded(CommandSpec sub, Callable<Integer> body) {
    try {
      return body.call();
    } catch (CliFailure f) {
      PrintWriter err = sub.commandLine().getErr();
      err.println(sub.qualifiedName() + ": " + f.getMessage());
      err.flush();
      return f.exitCode();
    } catch (Exception e) {
      PrintWriter err = sub.commandLine().getErr();
      err.println(sub.qualifiedName() + ": " + e);
      err.flush();
      return CliFailure.FAILED;
    }
  }

  ProfileStore store() {
    return ProfileStore.of(env);
  }

  @Command(
      name = "add",
      description = "Add a profile, or replace the one of that name.",
      sortOptions = false,
      footer = {
        "",
        "Examples:",
        "  petrel profile add local --host 127.0.0.1 --port 1883",
        "  petrel profile add prod --url mqtts://broker.example:8883 --cafile ca.pem -u alice"
            + " -P secret"
      })
  static final class Add implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand ProfileCommand parent;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "NAME", description = "The profile's name.")
    String name;

    @Mixin ConnectionOptions options;

    @Override
    public Integer call() {
      return parent.guarded(spec, this::add);
    }

    private int add() {
      Profile.checkName(name);
      options.check();
      if (options.host == null && options.url == null) {
        throw CliFailure.usage("a profile needs --host HOST or --url URL");
      }
      ProfileStore store = parent.store();
      String host = options.host;
      OptionalInt port = options.port == null ? OptionalInt.empty() : OptionalInt.of(options.port);
      boolean tls = options.tlsFlags();
      Optional<String> webSocket = Optional.empty();
      Optional<String> username = Optional.ofNullable(options.username);
      Optional<String> password = Optional.ofNullable(options.password);
      if (options.url != null) {
        MqttUrl url = MqttUrl.parse(options.url);
        host = url.host();
        port = url.port();
        tls = tls || url.tls();
        webSocket = url.webSocketPath();
        username = username.or(url::username);
        password = password.or(url::password);
      }
      Profile profile =
          new Profile(
              name,
              host,
              port,
              tls,
              webSocket,
              username,
              password.map(p -> store.encrypt(name, "password", p)),
              Optional.ofNullable(options.version),
              absolute(options.caFile),
              absolute(options.cert),
              absolute(options.key),
              Optional.ofNullable(options.keyPassword)
                  .map(p -> store.encrypt(name, "keypassword", p)),
              Boolean.TRUE.equals(options.insecure));
      store.save(profile);
      spec.commandLine()
          .getOut()
          .println("profile " + name + " saved in " + store.file() + ": " + profile.url());
      spec.commandLine().getOut().flush();
      return CliFailure.OK;
    }

    private static Optional<Path> absolute(Path p) {
      return Optional.ofNullable(p).map(x -> x.toAbsolutePath().normalize());
    }
  }

  @Command(name = "list", description = "List the profiles: name, URL and user name.")
  static final class ListProfiles implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand ProfileCommand parent;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
      return parent.guarded(
          spec,
          () -> {
            SortedMap<String, Profile> all = parent.store().all();
            PrintWriter out = spec.commandLine().getOut();
            int width = all.keySet().stream().mapToInt(String::length).max().orElse(0);
            for (Profile p : all.values()) {
              String line = String.format("%-" + width + "s  %s", p.name(), p.url());
              out.println(p.username().map(u -> line + "  user " + u).orElse(line));
            }
            out.flush();
            if (all.isEmpty()) {
              spec.commandLine()
                  .getErr()
                  .println("no profiles yet: petrel profile add NAME --host HOST");
              spec.commandLine().getErr().flush();
            }
            return CliFailure.OK;
          });
    }
  }

  @Command(name = "show", description = "Show a profile's settings; never the password.")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand ProfileCommand parent;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "NAME", description = "The profile's name.")
    String name;

    @Override
    public Integer call() {
      return parent.guarded(
          spec,
          () -> {
            Profile p = parent.store().get(name);
            PrintWriter out = spec.commandLine().getOut();
            out.println("profile:  " + p.name());
            out.println("url:      " + p.url());
            p.username().ifPresent(u -> out.println("username: " + u));
            p.encryptedPassword().ifPresent(x -> out.println("password: (stored, encrypted)"));
            p.version().ifPresent(v -> out.println("version:  " + VersionConverter.name(v)));
            p.caFile().ifPresent(f -> out.println("cafile:   " + f));
            p.cert().ifPresent(f -> out.println("cert:     " + f));
            p.key().ifPresent(f -> out.println("key:      " + f));
            p.encryptedKeyPassword()
                .ifPresent(x -> out.println("key password: (stored, encrypted)"));
            if (p.insecure()) {
              out.println("insecure: the broker's host name is not checked");
            }
            out.flush();
            return CliFailure.OK;
          });
    }
  }

  @Command(name = "remove", description = "Remove a profile.")
  static final class Remove implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand ProfileCommand parent;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "NAME", description = "The profile's name.")
    String name;

    @Override
    public Integer call() {
      return parent.guarded(
          spec,
          () -> {
            if (!parent.store().remove(name)) {
              throw CliFailure.usage(
                  "unknown profile \"" + name + "\" (petrel profile list shows the profiles)");
            }
            return CliFailure.OK;
          });
    }
  }
}
