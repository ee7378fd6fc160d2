package io.channels4j.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Runs the CLI in-process with its own streams and environment. */
final class CliRunner {
  record Result(int code, String out, String err) {
    List<String> outLines() {
      return out.lines().toList();
    }
  }

  private CliRunner() {}

  static Result run(String... args) {
    return run(Map.of(), "", args);
  }

  static Result runWithEnv(Map<String, String> env, String... args) {
    return run(env, "", args);
  }

  static Result run(Map<String, String> env, String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Cli.run(
            args,
            new Io(
                env,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true),
                new PrintWriter(err, true)));
    return new Result(code, out.toString(), err.toString());
  }
}
