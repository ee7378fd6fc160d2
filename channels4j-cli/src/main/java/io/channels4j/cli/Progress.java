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
 * such as a CI log, in which each {@code \r} redraw would pile up. The total may be {@link
 * #UNKNOWN} (input read as it goes): then the count is shown without a bar or a percentage. Safe to
 * call from several threads (one call at a time).
 */
final class Progress {
  /** How often {@link Mode#LINES} reports, at most; the last count is always reported. */
  static final Duration LINE_INTERVAL = Duration.ofSeconds(5);

  /** The total of work whose size is not known ahead (a stream read as it goes). */
  static final long UNKNOWN = -1;

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

  /**
   * The mode that {@code --progress MODE} and {@code --no-progress} ask for; none with {@code
   * --json}, whose output is for programs.
   *
   * @param progress the {@code --progress} value as typed
   * @throws CliException (usage) for an unknown mode, or {@code --no-progress} with bar or lines
   */
  static Mode mode(String progress, boolean noProgress, boolean json) {
    Mode mode;
    try {
      mode = Mode.valueOf(progress.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CliException(
          Cli.USAGE, "--progress must be auto, bar, lines or none, but is '" + progress + "'");
    }
    if (noProgress && mode != Mode.AUTO && mode != Mode.NONE) {
      throw new CliException(Cli.USAGE, "--no-progress contradicts --progress=" + progress);
    }
    return json || noProgress ? Mode.NONE : mode;
  }

  private final Mode mode;
  private final Io io;
  private final long total;
  private final String unit;
  private Instant lastLine;
  private long done;
  private String detail = "";
  private boolean reported;
  private boolean barDrawn;
  private int drawnLength;

  private Progress(Mode mode, Io io, long total, String unit) {
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
   * @param total the count at which the work is done, or {@link #UNKNOWN}
   * @param unit what is counted, e.g. {@code events}
   */
  static Progress start(Mode mode, Io io, long total, String unit) {
    Mode resolved = mode != Mode.AUTO ? mode : io.errIsTerminal() ? Mode.BAR : Mode.LINES;
    return new Progress(resolved, io, total, unit);
  }

  /** The mode in effect. */
  Mode mode() {
    return mode;
  }

  /** Records that {@code count} of the total are done. */
  void update(long count) {
    update(count, "");
  }

  /**
   * Records that {@code count} of the total are done, with a few words shown after the count (e.g.
   * {@code ", 3 failed, 120 events/s"}).
   */
  synchronized void update(long count, String detail) {
    done = count;
    this.detail = detail;
    reported = false;
    switch (mode) {
      case BAR -> drawBar();
      case LINES -> {
        Instant now = io.clock().instant();
        if ((total != UNKNOWN && count >= total) || !now.isBefore(lastLine.plus(LINE_INTERVAL))) {
          printLine(now);
        }
      }
      default -> {}
    }
  }

  /** Prints a line of its own (a failure) without mangling the bar, which is redrawn after it. */
  synchronized void message(String line) {
    PrintWriter err = io.err();
    if (barDrawn) {
      err.print("\r" + " ".repeat(Math.max(drawnLength, barText().length())) + "\r");
    }
    err.println(line);
    if (barDrawn) {
      err.print(barText());
    }
    err.flush();
  }

  /** Ends the report: the bar's line is closed, and the last count is on a line of its own. */
  synchronized void finish() {
    if (mode == Mode.BAR && barDrawn) {
      io.err().println();
      io.err().flush();
    } else if (mode == Mode.LINES && !reported && done > 0) {
      printLine(io.clock().instant());
    }
  }

  private void drawBar() {
    String text = barText();
    // A shorter text than the last one (an unknown total's detail) would leave its tail behind.
    io.err().print("\r" + text + " ".repeat(Math.max(0, drawnLength - text.length())));
    drawnLength = text.length();
    io.err().flush();
    barDrawn = true;
  }

  private String barText() {
    if (total == UNKNOWN) {
      return done + " " + unit + detail;
    }
    int filled = total == 0 ? BAR_WIDTH : (int) (BAR_WIDTH * Math.min(done, total) / total);
    return "["
        + "#".repeat(filled)
        + ".".repeat(BAR_WIDTH - filled)
        + "] "
        + done
        + "/"
        + total
        + " "
        + unit
        + detail;
  }

  private void printLine(Instant now) {
    if (total == UNKNOWN) {
      io.err().println("progress: " + done + " " + unit + detail);
    } else {
      long percent = total == 0 ? 100 : 100L * done / total;
      io.err()
          .println("progress: " + done + "/" + total + " " + unit + " (" + percent + "%)" + detail);
    }
    io.err().flush();
    lastLine = now;
    reported = true;
  }
}
