package io.channels4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Terminal#escape} and {@link Main#stderrIsTerminal}. */
class TerminalTest {
  @Test
  void escapesC0DelAndC1AndTheBackslash() {
    assertThat(Terminal.escape("a\u001b[31mb\rc\nd\te\u0000f\u007fg\u009bh\\i"))
        .isEqualTo("a\\x1b[31mb\\rc\\nd\\te\\x00f\\x7fg\\u009bh\\\\i");
  }

  @Test
  void escapesBidiOverridesAndLineSeparators() {
    assertThat(Terminal.escape("x\u202ey\u2066z\u2028")).isEqualTo("x\\u202ey\\u2066z\\u2028");
  }

  @Test
  void keepsPrintableTextIncludingNonAsciiAsIs() {
    String text = "/apps/4242/events?é=ü 漢字 {\"a\":1}";
    assertThat(Terminal.escape(text)).isSameAs(text);
  }

  @Test
  void theLauncherDecidesWhetherStderrIsATerminalWhenItCanTell() {
    assertThat(Main.stderrIsTerminal("true", false, Map.of())).isTrue();
    assertThat(Main.stderrIsTerminal("false", true, Map.of())).isFalse();
  }

  @Test
  void withoutTheLauncherTheConsoleDecides() {
    assertThat(Main.stderrIsTerminal(null, true, Map.of("TERM", "xterm-256color"))).isTrue();
    assertThat(Main.stderrIsTerminal(null, false, Map.of())).isFalse();
  }

  @Test
  void aDumbTerminalGetsNoBar() {
    assertThat(Main.stderrIsTerminal("true", true, Map.of("TERM", "dumb"))).isFalse();
  }
}
