package io.channels4j.cli;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The line input of {@code batch} and {@code fan-out}: a {@code FILE} argument, or standard input
 * when it is absent or {@code -}, read one line at a time as it is asked for (so input of any
 * length fits). Blank lines are skipped but counted, so that a line's number is the one an editor
 * shows. Not thread-safe: one reader.
 */
final class InputLines implements Closeable {
  /**
   * A non-blank input line, stripped.
   *
   * @param number its 1-based number in the input
   * @param text the line without surrounding white space
   */
  record Line(long number, String text) {}

  private final BufferedReader in;
  private long number;

  private InputLines(BufferedReader in) {
    this.in = in;
  }

  /**
   * Opens the input.
   *
   * @param file the {@code FILE} argument: null or {@code -} for standard input
   * @param stdinReader who reads standard input, for the error when something else already read it
   * @throws CliException (usage) if the file does not exist, or standard input is already read
   * @throws UncheckedIOException if the file cannot be opened
   */
  static InputLines open(Io io, String file, String stdinReader) {
    if (file == null || file.equals("-")) {
      return new InputLines(
          new BufferedReader(
              new InputStreamReader(io.openStdin(stdinReader), StandardCharsets.UTF_8)));
    }
    try {
      return new InputLines(Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new CliException(Cli.USAGE, "no such file: " + e.getFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The next non-blank line, or null at the end of the input.
   *
   * @throws UncheckedIOException if reading fails
   */
  Line next() {
    while (true) {
      String line;
      try {
        line = in.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the input: " + e.getMessage(), e);
      }
      if (line == null) {
        return null;
      }
      number++;
      line = line.strip();
      if (!line.isEmpty()) {
        return new Line(number, line);
      }
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
