package io.channels4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.channels4j.testkit.PusherTestServer;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secret kept off the command line: {@code --secret-file}, stdin, and the {@code --secret}
 * warning.
 */
class SecretOptionsTest {
  private final PusherTestServer server = PusherTestServer.start();

  @TempDir Path dir;

  @AfterEach
  void stop() {
    server.close();
  }

  /** trigger with the app id, key, host and port of the test server, then {@code more}. */
  private String[] trigger(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "trigger",
                "--app-id",
                server.appId(),
                "--key",
                server.key(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(server.port()),
                "--no-tls",
                "c",
                "-e",
                "e"));
    args.addAll(List.of(more));
    return args.toArray(new String[0]);
  }

  @Test
  void readsTheSecretFromAFileWithoutAWarning() throws Exception {
    Path file = dir.resolve("secret");
    Files.writeString(file, server.secret() + "\n", StandardCharsets.UTF_8);
    CliRunner.Result r = CliRunner.run(trigger("--secret-file", file.toString()));
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(server.takeTrigger().name()).isEqualTo("e");
  }

  @Test
  void readsTheSecretFromStdin() {
    CliRunner.Result r =
        CliRunner.run(Map.of(), server.secret() + "\r\n", trigger("--secret-file", "-"));
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(server.triggers()).hasSize(1);
  }

  @Test
  void warnsThatSecretShowsInPsAndHistoryButStillSends() {
    CliRunner.Result r = CliRunner.run(trigger("--secret", server.secret()));
    assertThat(r.code()).isZero();
    assertThat(r.err())
        .isEqualTo(
            "warning: --secret shows in ps and shell history; prefer --secret-file FILE (- for"
                + " stdin) or PUSHER_URL\n");
    assertThat(server.triggers()).hasSize(1);
  }

  @Test
  void aWrongSecretFromAFileIsRefusedAndNeverEchoed() throws Exception {
    Path file = dir.resolve("secret");
    Files.writeString(file, "not-the-secret-0123", StandardCharsets.UTF_8);
    CliRunner.Result r = CliRunner.run(trigger("--secret-file", file.toString()));
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("HTTP 401").doesNotContain("not-the-secret-0123");
  }

  @Test
  void refusesBothSecretAndSecretFile() throws Exception {
    Path file = dir.resolve("secret");
    Files.writeString(file, server.secret(), StandardCharsets.UTF_8);
    CliRunner.Result r = CliRunner.run(trigger("--secret", "x", "--secret-file", file.toString()));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("error: give either --secret or --secret-file, not both\n");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void refusesAnEmptySecretFileAndAMissingOne() throws Exception {
    Path empty = dir.resolve("empty");
    Files.writeString(empty, " \n", StandardCharsets.UTF_8);
    CliRunner.Result r = CliRunner.run(trigger("--secret-file", empty.toString()));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("error: --secret-file: " + empty + " holds no secret\n");

    Path missing = dir.resolve("missing");
    r = CliRunner.run(trigger("--secret-file", missing.toString()));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("error: --secret-file: no such file: " + missing + "\n");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void stdinCannotCarryBothTheSecretAndTheData() {
    // Read twice, the second reader would get nothing: an empty event would be sent as is.
    CliRunner.Result r =
        CliRunner.run(Map.of(), server.secret(), trigger("--secret-file", "-", "-d", "-"));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "error: standard input is already read by --data -, so --secret-file - cannot read it"
                + " too: give one of them a file\n");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void aUrlWithASecretTypedAtATerminalDrawsTheWarningTooButPusherUrlDoesNot() {
    StringWriter err = new StringWriter();
    Io terminal =
        new Io(
            Map.of(),
            new ByteArrayInputStream(new byte[0]),
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true),
            true,
            Clock.systemUTC());
    assertThat(Cli.run(new String[] {"trigger", "--url", server.url(), "c", "-e", "e"}, terminal))
        .isZero();
    assertThat(err.toString())
        .isEqualTo(
            "warning: the secret in --url shows in ps and shell history; prefer --secret-file FILE"
                + " (- for stdin) or PUSHER_URL\n")
        .doesNotContain(server.secret());

    StringWriter quiet = new StringWriter();
    Io env =
        new Io(
            Map.of("PUSHER_URL", server.url()),
            new ByteArrayInputStream(new byte[0]),
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(quiet, true),
            true,
            Clock.systemUTC());
    assertThat(Cli.run(new String[] {"trigger", "c", "-e", "e"}, env)).isZero();
    assertThat(quiet.toString()).isEmpty();
    assertThat(server.triggers()).hasSize(2);
  }
}
