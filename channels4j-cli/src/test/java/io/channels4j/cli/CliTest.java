package io.channels4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command tree: help everywhere, one-line usage errors, exit codes. */
class CliTest {

  /** The commands of the root command's list. */
  private static final List<String> COMMANDS =
      List.of(
          "trigger",
          "batch",
          "channels",
          "channel",
          "users",
          "authorize",
          "authenticate-user",
          "webhook",
          "send-to-user",
          "terminate",
          "serve",
          "demo",
          "completion");

  @Test
  void helpListsEveryCommandAndExitCodes() {
    CliRunner.Result r = CliRunner.run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains(COMMANDS).contains("Exit codes:");
  }

  @Test
  void everyCommandHasHelp() {
    List<String> commands = new ArrayList<>(COMMANDS);
    commands.add("webhook verify");
    for (String command : commands) {
      List<String> args = new ArrayList<>(List.of(command.split(" ")));
      args.add("--help");
      CliRunner.Result r = CliRunner.run(args.toArray(new String[0]));
      assertThat(r.code()).as(command).isZero();
      assertThat(r.out()).as(command).startsWith("Usage: channels4j " + command + " ");
    }
  }

  @Test
  void noCommandPrintsUsageAndExits2() {
    CliRunner.Result r = CliRunner.run();
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Usage: channels4j");
  }

  @Test
  void anUnknownCommandIsOneLineAndExits2() {
    CliRunner.Result r = CliRunner.run("trigerr");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).startsWith("error: Unmatched argument").contains("channels4j --help");
  }

  @Test
  void aMissingRequiredOptionIsOneLineAndExits2() {
    CliRunner.Result r = CliRunner.run("trigger", "my-channel");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err())
        .startsWith("error: Missing required option: '--event=NAME'")
        .contains("channels4j trigger --help");
  }

  @Test
  void webhookWithoutSubcommandExits2() {
    CliRunner.Result r = CliRunner.run("webhook");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: Missing required subcommand: verify");
  }

  @Test
  void versionNamesTheProject() {
    CliRunner.Result r = CliRunner.run("--version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("channels4j 0.");
  }

  @Test
  void oneLineJoinsMultiLineMessages() {
    assertThat(Cli.oneLine("first\n  second\r\nthird ")).isEqualTo("first second third");
  }
}
