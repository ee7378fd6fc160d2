package io.channels4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Where a command reads and writes: the process's streams and environment in {@link Main}, buffers
 * in tests. One per run: standard input can be read by one option only ({@link #readStdin}).
 */
final class Io {
  private final Map<String, String> env;
  private final InputStream in;
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean errIsTerminal;
  private final Clock clock;
  private String stdinReader; // guarded by this

  /**
   * Streams that are not a terminal, and the system clock.
   *
   * @param env the environment variables
   * @param in standard input
   * @param out standard output: results
   * @param err standard error: errors, warnings and progress
   */
  Io(Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err) {
    this(env, in, out, err, false, Clock.systemUTC());
  }

  /**
   * @param errIsTerminal whether standard error is a terminal, where a redrawn progress bar belongs
   * @param clock paces periodic progress lines
   */
  Io(
      Map<String, String> env,
      InputStream in,
      PrintWriter out,
      PrintWriter err,
      boolean errIsTerminal,
      Clock clock) {
    this.env = Map.copyOf(env);
    this.in = Objects.requireNonNull(in, "in");
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
    this.errIsTerminal = errIsTerminal;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  Map<String, String> env() {
    return env;
  }

  /** Standard input; prefer {@link #readStdin}, which refuses a second reader. */
  InputStream in() {
    return in;
  }

  PrintWriter out() {
    return out;
  }

  PrintWriter err() {
    return err;
  }

  boolean errIsTerminal() {
    return errIsTerminal;
  }

  Clock clock() {
    return clock;
  }

  /**
   * Reads all of standard input for {@code reader} (e.g. {@code "--data -"}). A second reader would
   * silently get nothing (an empty secret, an empty payload sent as is), so it is refused.
   *
   * @throws CliException if another option already read standard input
   */
  byte[] readStdin(String reader) {
    synchronized (this) {
      if (stdinReader != null) {
        throw new CliException(
            Cli.USAGE,
            "standard input is already read by "
                + stdinReader
                + ", so "
                + reader
                + " cannot read it too: give one of them a file");
      }
      stdinReader = reader;
    }
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read standard input: " + e.getMessage(), e);
    }
  }
}
