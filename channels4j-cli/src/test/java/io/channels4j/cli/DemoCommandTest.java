package io.channels4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channels4j.testkit.PusherTestServer;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo}: the whole story, embedded or against a given server. */
class DemoCommandTest {

  @Test
  void runsEveryStepAgainstTheEmbeddedServer() {
    CliRunner.Result r = CliRunner.run("demo");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    List<String> lines = r.outLines();
    assertThat(lines.get(0))
        .startsWith("channels4j demo against the embedded test server at http://127.0.0.1:");
    assertThat(lines.stream().filter(l -> l.startsWith("ok ")).count()).isEqualTo(9);
    assertThat(r.out())
        .contains("the server received greeting on my-channel: {\"message\":\"hello world\"}")
        .contains("2 occupied: my-channel, presence-lobby")
        .contains("presence-lobby: alice, bob")
        .contains("\"channel_data\":\"{\\\"user_id\\\":\\\"alice\\\"")
        .contains("\"user_data\":\"{\\\"id\\\":\\\"alice\\\"")
        .contains(
            "verified 2 events: channel_occupied my-channel, member_added presence-lobby user_id=alice")
        .contains("a tampered copy was refused with 401");
    assertThat(lines.get(lines.size() - 1)).isEqualTo("all 9 steps passed");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void runsTheSameStoryAgainstPusherUrl() {
    try (PusherTestServer other =
        PusherTestServer.builder().appId("777").key("other-key").secret("other-secret").start()) {
      CliRunner.Result r = CliRunner.runWithEnv(Map.of("PUSHER_URL", other.url()), "demo");
      assertThat(r.code()).as(r.out()).isZero();
      assertThat(r.outLines().get(0))
          .isEqualTo("channels4j demo against the server in PUSHER_URL (app 777, key other-key)");
      assertThat(r.out())
          .contains("no occupied channels right now")
          .contains("nobody on presence-lobby");
      assertThat(other.triggers().get(0).name()).isEqualTo("greeting");
      assertThat(other.triggers()).hasSize(4);
    }
  }

  @Test
  void reportsFailedStepsAndExits1() {
    try (PusherTestServer other = PusherTestServer.start()) {
      String wrong = other.url().replace(":" + other.secret() + "@", ":wrong@");
      CliRunner.Result r = CliRunner.run("demo", "--url", wrong);
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.out()).contains("FAIL   1. trigger").contains("HTTP 401");
      // Signing happens locally, so authorization and webhooks still pass with any secret.
      assertThat(r.outLines().get(r.outLines().size() - 1)).isEqualTo("5 of 9 steps failed");
    }
  }

  @Test
  void printsOneJsonObjectPerStep() throws Exception {
    CliRunner.Result r = CliRunner.run("demo", "--json");
    assertThat(r.code()).isZero();
    ObjectMapper mapper = new ObjectMapper();
    List<String> lines = r.outLines();
    assertThat(lines).hasSize(11);
    JsonNode first = mapper.readTree(lines.get(1));
    assertThat(first.path("step").asInt()).isEqualTo(1);
    assertThat(first.path("name").asText()).isEqualTo("trigger");
    assertThat(first.path("ok").asBoolean()).isTrue();
    JsonNode summary = mapper.readTree(lines.get(10));
    assertThat(summary.path("passed").asInt()).isEqualTo(9);
    assertThat(summary.path("failed").asInt()).isZero();
  }

  @Test
  void logsNothingOnStderrWhenItShowsATamperedWebhookRefused(@TempDir Path dir) throws Exception {
    // A JVM of its own, as ./channels4j runs it: the library's log lines go to that process's
    // stderr through JUL's default console handler, which an in-process run cannot capture.
    Path out = dir.resolve("stdout");
    Path err = dir.resolve("stderr");
    Process demo =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "demo")
            .redirectInput(Redirect.from(Files.createFile(dir.resolve("stdin")).toFile()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    try {
      assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("the demo ends within 60 s").isTrue();
    } finally {
      demo.destroyForcibly();
    }
    assertThat(demo.exitValue()).as(Files.readString(err)).isZero();
    assertThat(Files.readString(out)).contains("a tampered copy was refused with 401");
    assertThat(Files.readString(err)).isEmpty();
  }

  @Test
  void leavesTheWebhookLoggerAsItFoundIt() {
    Logger webhookLog = Logger.getLogger("io.channels4j.webhook");
    Level before = webhookLog.getLevel();
    webhookLog.setLevel(Level.FINE);
    try {
      assertThat(CliRunner.run("demo").code()).isZero();
      assertThat(webhookLog.getLevel()).isEqualTo(Level.FINE);
    } finally {
      webhookLog.setLevel(before);
    }
  }
}
