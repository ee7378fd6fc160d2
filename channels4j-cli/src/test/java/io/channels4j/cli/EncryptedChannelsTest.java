package io.channels4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channels4j.crypto.SecretBoxEncryption;
import io.channels4j.testkit.PusherTestServer;
import io.channels4j.testkit.RecordedTrigger;
import io.channels4j.testkit.WebhookEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code private-encrypted-} channels: {@code --encryption-master-key-file} and its variable. */
class EncryptedChannelsTest {
  /** 32 bytes, as {@code openssl rand -base64 32} prints them. */
  private static final String MASTER_KEY = "zyrm8pvV2C9fJcBfhyXzvxbJVN/H7QLmbe0xJi1GhPU=";

  private static final String CHANNEL = "private-encrypted-orders";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PusherTestServer server = PusherTestServer.start();

  @TempDir Path dir;

  @AfterEach
  void stop() {
    server.close();
  }

  private Path keyFile() throws Exception {
    Path file = dir.resolve("master.key");
    Files.writeString(file, MASTER_KEY + "\n", StandardCharsets.UTF_8);
    return file;
  }

  private static String decrypt(String channel, String envelope) {
    return new String(
        SecretBoxEncryption.withMasterKeyBase64(MASTER_KEY).decrypt(channel, envelope),
        StandardCharsets.UTF_8);
  }

  @Test
  void triggerSendsAnEnvelopeThatDecryptsToTheData() throws Exception {
    String data = "{\"id\":7,\"item\":\"tea\"}";
    CliRunner.Result r =
        CliRunner.run(
            "trigger",
            "--url",
            server.url(),
            CHANNEL,
            "-e",
            "created",
            "-d",
            data,
            "--encryption-master-key-file",
            keyFile().toString());
    assertThat(r.code()).as(r.err()).isZero();
    RecordedTrigger t = server.takeTrigger();
    assertThat(t.channel()).isEqualTo(CHANNEL);
    assertThat(t.data()).doesNotContain("tea");
    assertThat(JSON.readTree(t.data()).fieldNames())
        .toIterable()
        .containsExactly("nonce", "ciphertext");
    assertThat(decrypt(CHANNEL, t.data())).isEqualTo(data);
  }

  @Test
  void triggerTakesTheKeyFromTheEnvironment() {
    CliRunner.Result r =
        CliRunner.runWithEnv(
            Map.of("PUSHER_URL", server.url(), EncryptionOptions.ENV, MASTER_KEY),
            "trigger",
            CHANNEL,
            "-e",
            "created",
            "-d",
            "plain words");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(decrypt(CHANNEL, server.takeTrigger().data())).isEqualTo("plain words");
  }

  @Test
  void batchEncryptsOnlyTheEncryptedChannelsEvents() throws Exception {
    String input =
        "{\"channel\":\""
            + CHANNEL
            + "\",\"name\":\"e\",\"data\":{\"n\":1}}\n"
            + "{\"channel\":\"open\",\"name\":\"e\",\"data\":{\"n\":2}}\n";
    CliRunner.Result r =
        CliRunner.run(
            Map.of(EncryptionOptions.ENV, MASTER_KEY), input, "batch", "--url", server.url(), "-");
    assertThat(r.code()).as(r.err()).isZero();
    List<RecordedTrigger> all = server.triggers();
    assertThat(decrypt(CHANNEL, all.get(0).data())).isEqualTo("{\"n\":1}");
    assertThat(all.get(1).data()).isEqualTo("{\"n\":2}");
  }

  @Test
  void anEncryptedChannelWithoutAKeyIsRefusedBeforeAnyRequest() {
    CliRunner.Result r = CliRunner.run("trigger", "--url", server.url(), CHANNEL, "-e", "e");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "error: "
                + CHANNEL
                + " is end-to-end encrypted: give its master key with"
                + " --encryption-master-key-file FILE or $PUSHER_ENCRYPTION_MASTER_KEY_BASE64\n");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void aKeyOfTheWrongSizeIsRefusedWithoutShowingIt() throws Exception {
    String short16 = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes());
    Path file = dir.resolve("short.key");
    Files.writeString(file, short16, StandardCharsets.UTF_8);
    CliRunner.Result r =
        CliRunner.run(
            "trigger",
            "--url",
            server.url(),
            CHANNEL,
            "-e",
            "e",
            "--encryption-master-key-file",
            file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "error: --encryption-master-key-file: master key must decode to 32 bytes, got 16\n")
        .doesNotContain(short16);
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void authorizeGivesTheSharedSecretOfAnEncryptedChannel() throws Exception {
    CliRunner.Result r =
        CliRunner.runWithEnv(
            Map.of(EncryptionOptions.ENV, MASTER_KEY),
            "authorize",
            "--url",
            server.url(),
            "--socket-id",
            "1234.5678",
            "--channel",
            CHANNEL);
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode auth = JSON.readTree(r.out());
    byte[] expected = SecretBoxEncryption.withMasterKeyBase64(MASTER_KEY).sharedSecret(CHANNEL);
    assertThat(Base64.getDecoder().decode(auth.path("shared_secret").asText())).isEqualTo(expected);
  }

  @Test
  void webhookVerifyPrintsTheDecryptedDataOfAnEncryptedChannel() throws Exception {
    String envelope =
        SecretBoxEncryption.withMasterKeyBase64(MASTER_KEY)
            .encrypt(CHANNEL, "{\"typing\":true}".getBytes(StandardCharsets.UTF_8));
    Map<String, Object> event =
        WebhookEvents.clientEvent(CHANNEL, "client-typing", envelope, "1.2", Optional.empty());
    byte[] body =
        JSON.writeValueAsBytes(Map.of("time_ms", 1_700_000_000_000L, "events", List.of(event)));
    Path file = dir.resolve("body.json");
    Files.write(file, body);

    CliRunner.Result r =
        CliRunner.run(
            "webhook",
            "verify",
            "--url",
            server.url(),
            "--signature",
            server.signWebhook(body),
            "--encryption-master-key-file",
            keyFile().toString(),
            file.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "valid webhook from 2023-11-14T22:13:20Z with 1 event(s):\n"
                + "  client_event "
                + CHANNEL
                + " event=client-typing data={\"typing\":true} socket_id=1.2\n");

    CliRunner.Result withoutKey =
        CliRunner.run(
            "webhook",
            "verify",
            "--url",
            server.url(),
            "--signature",
            server.signWebhook(body),
            file.toString());
    assertThat(withoutKey.code()).isEqualTo(1);
    assertThat(withoutKey.err())
        .isEqualTo(
            "error: invalid webhook: an event on a private-encrypted- channel carries encrypted"
                + " data: give its master key with --encryption-master-key-file FILE or"
                + " $PUSHER_ENCRYPTION_MASTER_KEY_BASE64\n");
  }
}
