package io.channels4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code webhook verify} against the published webhook vector V-31. */
class WebhookVerifyCommandTest {
  private static final String BODY =
      "{\"time_ms\":1403175510755,\"events\":[{\"channel\":\"test_channel\","
          + "\"name\":\"channel_vacated\"}]}";
  private static final String SIGNATURE =
      "c17257e92037cd7de407ebc1ed174ceb7b2e518db127f44411b9ffc4f5b28cc5";

  /** The vector's app 1, key 123456789, secret tofu, in PUSHER_URL as the CLI recommends. */
  private static final Map<String, String> CREDENTIALS =
      Map.of("PUSHER_URL", "https://123456789:tofu@api.pusherapp.com/apps/1");

  @TempDir Path dir;

  private static CliRunner.Result run(String stdin, String... args) {
    return CliRunner.run(CREDENTIALS, stdin, args);
  }

  @Test
  void acceptsTheVectorFromAFile() throws Exception {
    Path body = dir.resolve("body.json");
    Files.writeString(body, BODY, StandardCharsets.UTF_8);
    CliRunner.Result r = run("", "webhook", "verify", "--signature", SIGNATURE, body.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "valid webhook from 2014-06-19T10:58:30.755Z with 1 event(s):\n"
                + "  channel_vacated test_channel\n");
  }

  @Test
  void acceptsTheVectorFromStdinAsJson() throws Exception {
    CliRunner.Result r = run(BODY, "webhook", "verify", "--signature", SIGNATURE, "--json");
    assertThat(r.code()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.path("valid").asBoolean()).isTrue();
    assertThat(json.path("time_ms").asLong()).isEqualTo(1403175510755L);
    assertThat(json.path("events").get(0).path("name").asText()).isEqualTo("channel_vacated");
  }

  @Test
  void acceptsACapturedRequest() throws Exception {
    Path capture = dir.resolve("hook.http");
    Files.writeString(
        capture,
        "POST /pusher/webhook HTTP/1.1\r\n"
            + "Host: example.test\r\n"
            + "Content-Type: application/json\r\n"
            + "X-Pusher-Key: 123456789\r\n"
            + "X-Pusher-Signature: "
            + SIGNATURE
            + "\r\n\r\n"
            + BODY,
        StandardCharsets.UTF_8);
    CliRunner.Result r = run("", "webhook", "verify", "--request", capture.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("channel_vacated test_channel");
  }

  @Test
  void rejectsATamperedBodyWithExit1() {
    CliRunner.Result r =
        run(BODY.replace("test_channel", "other"), "webhook", "verify", "--signature", SIGNATURE);
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).startsWith("error: invalid webhook:");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void reportsAnInvalidWebhookAsJsonForScripts() throws Exception {
    CliRunner.Result r =
        run(BODY, "webhook", "verify", "--signature", SIGNATURE, "--webhook-key", "3", "--json");
    assertThat(r.code()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.path("valid").asBoolean(true)).isFalse();
    assertThat(json.path("reason").asText()).isEqualTo("UNKNOWN_KEY");
  }

  @Test
  void refusesAnOldWebhookWithMaxAge() {
    CliRunner.Result r =
        run(BODY, "webhook", "verify", "--signature", SIGNATURE, "--max-age", "600");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("error: invalid webhook:");
  }

  @Test
  void needsEitherASignatureOrARequest() {
    CliRunner.Result r = run(BODY, "webhook", "verify");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "error: give either --signature with a body, or --request with a captured request\n");
  }
}
