package io.channels4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a secret from a file or standard input; no message ever contains what was read. */
final class SecretInput {
  private SecretInput() {}

  /**
   * Reads {@code file} ({@code -} is standard input) and strips the surrounding whitespace that
   * {@code echo} and editors add.
   *
   * @param option the option that names the file, for messages, e.g. {@code --secret-file}
   * @throws CliException if the file is missing or holds only whitespace
   */
  static String read(String option, String file, Io io) {
    byte[] bytes;
    try {
      bytes = file.equals("-") ? io.readStdin(option + " -") : Files.readAllBytes(Path.of(file));
    } catch (NoSuchFileException e) {
      throw new CliException(Cli.USAGE, option + ": no such file: " + e.getFile());
    } catch (IOException e) {
      // The exception's message names the file and the cause, never the content.
      throw new UncheckedIOException(option + ": cannot read " + file + ": " + e.getMessage(), e);
    }
    String value = new String(bytes, StandardCharsets.UTF_8).strip();
    if (value.isEmpty()) {
      throw new CliException(
          Cli.USAGE,
          option + ": " + (file.equals("-") ? "standard input" : file) + " holds no secret");
    }
    return value;
  }
}
