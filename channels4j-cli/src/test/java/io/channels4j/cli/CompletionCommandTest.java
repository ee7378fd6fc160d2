package io.channels4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code completion}: a bash/zsh script that completes the real command tree. */
class CompletionCommandTest {
  @TempDir Path dir;

  @Test
  void printsAScriptThatRegistersChannels4jAndNamesEverySubcommand() {
    CliRunner.Result r = CliRunner.run("completion");
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .startsWith("#!/usr/bin/env bash")
        .contains("complete -F _complete_channels4j")
        .contains("ZSH_VERSION") // the same script sets zsh's bash compatibility up
        .contains(
            "trigger",
            "batch",
            "channels",
            "channel",
            "users",
            "authorize",
            "authenticate-user",
            "webhook verify",
            "send-to-user",
            "terminate",
            "serve",
            "demo",
            "completion");
  }

  @Test
  void bashCompletesTheSubcommands() throws Exception {
    assertThat(complete("channels4j", "")).contains("trigger", "batch", "webhook", "completion");
    assertThat(complete("channels4j", "tr")).containsExactly("trigger");
    assertThat(complete("channels4j", "webhook", "")).contains("verify");
  }

  @Test
  void bashCompletesOptionsAndTheProgressModes() throws Exception {
    assertThat(complete("channels4j", "batch", "--pro")).containsExactlyInAnyOrder("--progress");
    assertThat(complete("channels4j", "batch", "--progress", ""))
        .containsExactlyInAnyOrder("auto", "bar", "lines", "none");
    assertThat(complete("channels4j", "trigger", "--encryption-"))
        .containsExactly("--encryption-master-key-file");
  }

  /**
   * Sources the script in a real bash and asks its completion function for the words; the last word
   * is the one being completed.
   */
  private List<String> complete(String... words) throws IOException, InterruptedException {
    Path script = dir.resolve("channels4j.bash");
    Files.writeString(script, CliRunner.run("completion").out(), StandardCharsets.UTF_8);
    StringBuilder array = new StringBuilder();
    for (String w : words) {
      array.append(" '").append(w).append('\'');
    }
    String probe =
        "source '"
            + script
            + "'\n"
            + "COMP_WORDS=("
            + array
            + " )\n"
            + "COMP_CWORD="
            + (words.length - 1)
            + "\n"
            + "COMP_LINE=\"${COMP_WORDS[*]}\"\nCOMP_POINT=${#COMP_LINE}\n"
            + "_complete_channels4j 2>/dev/null\n" // compopt complains outside of a TAB press
            + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
    Process bash =
        new ProcessBuilder("bash", "--norc", "--noprofile", "-c", probe)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      assertThat(bash.waitFor(30, TimeUnit.SECONDS)).as("bash finished").isTrue();
      String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(bash.exitValue()).as(out).isZero();
      return Arrays.stream(out.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    } finally {
      bash.destroyForcibly();
    }
  }
}
