package io.channels4j.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/** Entry point of the runnable jar: {@code java -jar channels4j-cli.jar COMMAND ...}. */
public final class Main {
  /**
   * Set by the {@code ./channels4j} launcher from the shell's {@code [ -t 2 ]}: whether standard
   * error, where progress goes, is a terminal. Java itself can only tell about stdin and stdout.
   */
  static final String STDERR_TERMINAL_PROPERTY = "channels4j.stderr.terminal";

  private Main() {}

  /**
   * Runs one command and exits with its code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    // From JDK 22 to 24 the default console is JLine's, which System.console() returns even when
    // the streams are redirected; java.base's console keeps the JDK 17 meaning (a terminal on
    // stdin and stdout), which picocli's colour detection and ours rely on. Ignored before JDK 20.
    if (System.getProperty("jdk.console") == null) {
      System.setProperty("jdk.console", "java.base");
    }
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    Map<String, String> env = System.getenv();
    boolean errIsTerminal =
        stderrIsTerminal(
            System.getProperty(STDERR_TERMINAL_PROPERTY), System.console() != null, env);
    int code = Cli.run(args, new Io(env, System.in, out, err, errIsTerminal, Clock.systemUTC()));
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Decides whether standard error is a terminal that understands a redrawn line.
   *
   * @param launcherSays the launcher's answer ({@code "true"}/{@code "false"}), or null when the
   *     jar runs without it
   * @param hasConsole {@code System.console() != null}: stdin and stdout are a terminal, the best
   *     Java can tell on its own
   * @param env the environment: {@code TERM=dumb} (Emacs shells, some CI runners) cannot redraw
   */
  static boolean stderrIsTerminal(
      String launcherSays, boolean hasConsole, Map<String, String> env) {
    if ("dumb".equals(env.get("TERM"))) {
      return false;
    }
    if (launcherSays != null) {
      return Boolean.parseBoolean(launcherSays);
    }
    return hasConsole;
  }
}
