package io.petrel.cli.client;

import java.io.PrintWriter;
import java.util.Set;
import picocli.CommandLine;

/**
 * Parse errors of pub, sub and profile in one line, as their other errors, instead of the message
 * followed by the whole usage; other commands keep picocli's default.
 */
public final class UsageErrors {
  private static final Set<String> OURS = Set.of("pub", "sub", "profile");

  private UsageErrors() {}

  /** Installs the handler on the root command line; call after the subcommands are added. */
  public static CommandLine install(CommandLine root) {
    CommandLine.IParameterExceptionHandler fallback = root.getParameterExceptionHandler();
    root.setParameterExceptionHandler(
        (e, args) -> {
          CommandLine failed = e.getCommandLine();
          if (!ours(failed)) {
            return fallback.handleParseException(e, args);
          }
          PrintWriter err = failed.getErr();
          String name = failed.getCommandSpec().qualifiedName();
          err.println(name + ": " + e.getMessage() + " (" + name + " --help shows the options)");
          err.flush();
          return CliFailure.USAGE;
        });
    return root;
  }

  private static boolean ours(CommandLine c) {
    for (CommandLine at = c; at != null; at = at.getParent()) {
      if (at.getParent() != null && at.getParent().getParent() == null) {
        return OURS.contains(at.getCommandName());
      }
    }
    return false;
  }
}
