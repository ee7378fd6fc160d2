package io.channels4j.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

/**
 * How far a long command is, on standard error: a bar redrawn in place with {@code \r} on a
 * terminal, or a plain line every {@link #LINE_INTERVAL} (and at the end) where the output is kept,
 * such as a CI log, in which each {@code \r} redraw would pile up.
 */
final class Progress {
  /** How often {@link Mode#LINES} reports, at most; the last count is always reported. */
  static final Duration LINE_INTERVAL = Duration.ofSeconds(5);

  private static final int BAR_WIDTH = 30;

  /** The {@code --progress} choices. */
  enum Mode {
    /** A bar when standard error is a terminal, lines otherwise. */
    AUTO,
    /** A bar redrawn in place. */
    BAR,
    /** Periodic plain lines. */
    LINES,
    /** Nothing. */
    NONE
  }

  /** The {@code --progress} values as typed, for help and shell completion. */
  static final class Modes implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Mode.values()).map(m -> m.name().toLowerCase(Locale.ROOT)).iterator();
    }
  }

  private final Mode mode;
  private final Io io;
  private final int total;
  private final String unit;
  private Instant lastLine;
  private int done;
  private boolean reported;
  private boolean barDrawn;

  private Progress(Mode mode, Io io, int total, String unit) {
    this.mode = mode;
    this.io = io;
    this.total = total;
    this.unit = unit;
    this.lastLine = io.clock().instant();
  }

  /**
   * Starts reporting.
   *
   * @param mode what was asked; {@link Mode#AUTO} is resolved here
   * @param total the count at which the work is done
   * @param unit what is counted, e.g. {@code events}
   */
  static Progress start(Mode mode, Io io, int total, String unit) {
    Mode resolved = mode != Mode.AUTO ? mode : io.errIsTerminal() ? Mode.BAR : Mode.LINES;
    return new Progress(resolved, io, total, unit);
  }

  /** The mode in effect. */
  Mode mode() {
    return mode;
  }

  /** Records that {@code count} of the total are done. */
  void update(int count) {
    done = count;
    reported = false;
    switch (mode) {
      case BAR -> drawBar();
      case LINES -> {
        Instant now = io.clock().instant();
        if (count >= total || !now.isBefore(lastLine.plus(LINE_INTERVAL))) {
          printLine(now);
        }
      }
      default -> {}
    }
  }

  /** Prints a line of its own (a failure) without mangling the bar, which is redrawn after it. */
  void message(String line) {
    PrintWriter err = io.err();
    if (barDrawn) {
      err.print("\r" + " ".repeat(barText().length()) + "\r");
    }
    err.println(line);
    if (barDrawn) {
      err.print(barText());
    }
    err.flush();
  }

  /** Ends the report: the bar's line is closed, and the last count is on a line of its own. */
  void finish() {
    if (mode == Mode.BAR && barDrawn) {
      io.err().println();
      io.err().flush();
    } else if (mode == Mode.LINES && !reported && done > 0) {
      printLine(io.clock().instant());
    }
  }

  private void drawBar() {
    io.err().print("\r" + barText());
    io.err().flush();
    barDrawn = true;
  }

  private String barText() {
    int filled = total == 0 ? BAR_WIDTH : (int) ((long) BAR_WIDTH * done / total);
    return "["
        + "#".repeat(filled)
        + ".".repeat(BAR_WIDTH - filled)
        + "] "
        + done
        + "/"
        + total
        + " "
        + unit;
  }

  private void printLine(Instant now) {
    long percent = total == 0 ? 100 : 100L * done / total;
    io.err().println("progress: " + done + "/" + total + " " + unit + " (" + percent + "%)");
    io.err().flush();
    lastLine = now;
    reported = true;
  }
}
