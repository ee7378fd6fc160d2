package io.channels4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channels4j.testkit.PusherTestServer;
import io.channels4j.testkit.RecordedTrigger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trigger}, and the credential sources every command shares. */
class TriggerCommandTest {
  private final PusherTestServer server = PusherTestServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void sendsTheDataAsIsToEveryChannel() {
    CliRunner.Result r =
        CliRunner.run(
            "trigger", "--url", server.url(), "a", "b", "-e", "greeting", "-d", "{\"hi\":1}");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("sent \"greeting\" to a, b\n");
    RecordedTrigger t = server.takeTrigger();
    assertThat(t.channels()).containsExactly("a", "b");
    assertThat(t.data()).isEqualTo("{\"hi\":1}");
  }

  @Test
  void printsJsonWithTheRequestedInfo() throws Exception {
    server.occupy("news", 3);
    CliRunner.Result r =
        CliRunner.run(
            "trigger",
            "--url",
            server.url(),
            "news",
            "-e",
            "e",
            "--info",
            "subscription_count",
            "--json");
    assertThat(r.code()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.path("event").asText()).isEqualTo("e");
    assertThat(json.path("info").path("news").path("subscription_count").asInt()).isEqualTo(3);
  }

  @Test
  void readsDataFromAFileAndFromStdin(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("data.json");
    Files.writeString(file, "{\"from\":\"file\"}\n", StandardCharsets.UTF_8);
    assertThat(
            CliRunner.run("trigger", "--url", server.url(), "c", "-e", "e", "-d", "@" + file)
                .code())
        .isZero();
    assertThat(server.takeTrigger().data()).isEqualTo("{\"from\":\"file\"}");
    CliRunner.Result r =
        CliRunner.run(
            Map.of(), "from stdin", "trigger", "--url", server.url(), "c", "-e", "e", "-d", "-");
    assertThat(r.code()).isZero();
    assertThat(server.takeTrigger().data()).isEqualTo("from stdin");
  }

  @Test
  void excludesASocket() {
    CliRunner.Result r =
        CliRunner.run("trigger", "--url", server.url(), "c", "-e", "e", "--exclude", "12.34");
    assertThat(r.code()).isZero();
    assertThat(server.takeTrigger().socketId()).hasValue("12.34");
  }

  @Test
  void anInvalidChannelIsOneLineWithExit2AndNoRequest() {
    CliRunner.Result r = CliRunner.run("trigger", "--url", server.url(), "bad channel", "-e", "e");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).startsWith("error: channels[0] may contain only");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void aRefusedRequestIsOneLineWithExit1() {
    String wrongSecret = server.url().replace(":" + server.secret() + "@", ":wrong@");
    CliRunner.Result r = CliRunner.run("trigger", "--url", wrongSecret, "c", "-e", "e");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).startsWith("error: POST /apps/4242/events failed with HTTP 401");
    assertThat(r.err()).doesNotContain("wrong@");
  }

  @Test
  void anUnreachableServerIsOneLineWithExit1() {
    int port = server.port();
    server.close();
    CliRunner.Result r =
        CliRunner.run(
            "trigger",
            "--url",
            "http://k:s@127.0.0.1:" + port + "/apps/1",
            "c",
            "-e",
            "e",
            "--timeout",
            "2");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).startsWith("error: ");
  }

  @Test
  void takesCredentialsFromPusherUrl() {
    CliRunner.Result r =
        CliRunner.runWithEnv(Map.of("PUSHER_URL", server.url()), "trigger", "c", "-e", "env");
    assertThat(r.code()).isZero();
    assertThat(server.takeTrigger().name()).isEqualTo("env");
  }

  @Test
  void takesCredentialsFromFlagsBeforePusherUrl() {
    CliRunner.Result r =
        CliRunner.runWithEnv(
            Map.of("PUSHER_URL", "http://x:y@127.0.0.1:1/apps/9"),
            "trigger",
            "--app-id",
            server.appId(),
            "--key",
            server.key(),
            "--secret",
            server.secret(),
            "--host",
            "127.0.0.1",
            "--port",
            Integer.toString(server.port()),
            "--no-tls",
            "c",
            "-e",
            "flags");
    assertThat(r.code()).isZero();
    assertThat(server.takeTrigger().name()).isEqualTo("flags");
  }

  @Test
  void partialFlagsNameWhatIsMissing() {
    CliRunner.Result r = CliRunner.run("trigger", "--app-id", "1", "c", "-e", "e");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "error: --app-id, --key and --secret-file (or --secret) go together, but --key"
                + " --secret-file (or --secret) is missing\n");
  }

  @Test
  void noCredentialsSaysWhereToPutThem() {
    CliRunner.Result r = CliRunner.run("trigger", "c", "-e", "e");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "error: no credentials: set PUSHER_URL, or give --app-id, --key and --secret-file"
                + " (or --secret), or pass --url URL\n");
  }

  @Test
  void aMalformedUrlNeverEchoesTheSecret() {
    CliRunner.Result r =
        CliRunner.run("trigger", "--url", "http://key:supersecret@host/nope", "c", "-e", "e");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("error: Pusher URL must look like")
        .doesNotContain("supersecret");
  }
}
