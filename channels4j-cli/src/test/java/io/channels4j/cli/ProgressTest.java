package io.channels4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Progress}: a bar on a terminal, periodic lines elsewhere. */
class ProgressTest {
  private final StringWriter err = new StringWriter();

  /** A clock that moves 2 s forward each time it is read. */
  private static final class Ticking extends Clock {
    private Instant now = Instant.parse("2025-01-01T00:00:00Z");

    @Override
    public Instant instant() {
      Instant at = now;
      now = now.plusSeconds(2);
      return at;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private Io io(boolean terminal) {
    return new Io(
        Map.of(),
        new ByteArrayInputStream(new byte[0]),
        new PrintWriter(new StringWriter()),
        new PrintWriter(err, true),
        terminal,
        new Ticking());
  }

  @Test
  void autoDrawsABarOnATerminal() {
    Progress p = Progress.start(Progress.Mode.AUTO, io(true), 20, "events");
    assertThat(p.mode()).isEqualTo(Progress.Mode.BAR);
    p.update(10);
    p.update(20);
    p.finish();
    assertThat(err.toString())
        .isEqualTo(
            "\r[###############...............] 10/20 events"
                + "\r[##############################] 20/20 events\n");
  }

  @Test
  void autoPrintsLinesWhereStderrIsNotATerminal() {
    assertThat(Progress.start(Progress.Mode.AUTO, io(false), 20, "events").mode())
        .isEqualTo(Progress.Mode.LINES);
  }

  @Test
  void linesComeAtMostEveryFiveSecondsAndAtTheEndWithoutCarriageReturns() {
    // The clock reads 0 s at the start, then 2, 4, 6, 8, 10 s at the updates.
    Progress p = Progress.start(Progress.Mode.LINES, io(true), 50, "events");
    for (int done = 10; done <= 50; done += 10) {
      p.update(done);
    }
    p.finish();
    assertThat(err.toString())
        .doesNotContain("\r")
        .isEqualTo(
            "progress: 30/50 events (60%)\n" // 6 s after the start
                + "progress: 50/50 events (100%)\n"); // the end, always
    assertThat(Progress.LINE_INTERVAL).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void finishReportsTheLastCountIfNoLineShowedIt() {
    Progress p = Progress.start(Progress.Mode.LINES, io(false), 50, "events");
    p.update(10);
    p.finish(); // failed early: 10 of 50
    assertThat(err.toString()).isEqualTo("progress: 10/50 events (20%)\n");
  }

  @Test
  void aMessageClearsTheBarAndRedrawsIt() {
    Progress p = Progress.start(Progress.Mode.BAR, io(false), 2, "events");
    p.update(1);
    p.message("line 1: refused");
    String bar = "[###############...............] 1/2 events";
    assertThat(err.toString())
        .isEqualTo("\r" + bar + "\r" + " ".repeat(bar.length()) + "\rline 1: refused\n" + bar);
  }

  @Test
  void noneWritesNothing() {
    Progress p = Progress.start(Progress.Mode.NONE, io(true), 2, "events");
    p.update(1);
    p.message("line 2: refused");
    p.update(2);
    p.finish();
    assertThat(err.toString()).isEqualTo("line 2: refused\n");
  }
}
