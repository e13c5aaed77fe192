package io.petrel.cli;

import java.io.Console;
import java.util.Optional;

/** Reads a password typed by a person, without echo. */
interface PasswordPrompt {

  /**
   * Shows {@code prompt} and reads a line without echo.
   *
   * @return the password, which the caller clears after use; empty if there is no console
   */
  Optional<char[]> read(String prompt);

  /** The terminal, through {@link System#console()}: none when input or output is redirected. */
  static PasswordPrompt console() {
    return prompt -> {
      Console console = System.console();
      return console == null
          ? Optional.empty()
          : Optional.ofNullable(console.readPassword("%s", prompt));
    };
  }
}
