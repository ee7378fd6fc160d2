package io.channels4j.internal;

import static io.channels4j.internal.TestHmac.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channels4j.Pusher;
import io.channels4j.webhook.ClientEvent;
import io.channels4j.webhook.InvalidWebhookException;
import io.channels4j.webhook.InvalidWebhookException.Reason;
import io.channels4j.webhook.MemberAdded;
import io.channels4j.webhook.Webhook;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Events on encrypted channels are decrypted with the configured ChannelEncryption (a toy one here;
 * channels4j-crypto tests the real box).
 */
class WebhookVerifierDecryptionTest {
  private static final Pusher WITH_KEY =
      TestClients.builder("k", "s").encryption(new ToyEncryption(new byte[32])).build();
  private static final Pusher WITHOUT_KEY = TestClients.pusher("k", "s");

  @AfterAll
  static void close() {
    WITH_KEY.close();
    WITHOUT_KEY.close();
  }

  private static String envelope(String plaintext) {
    return "{\"nonce\":\"toy\",\"ciphertext\":\""
        + Base64.getEncoder().encodeToString(plaintext.getBytes(StandardCharsets.UTF_8))
        + "\"}";
  }

  private static String jsonString(String s) {
    return "\"" + s.replace("\"", "\\\"") + "\"";
  }

  private static byte[] clientEvent(String channel, String dataJson) {
    return utf8(
        "{\"time_ms\":1,\"events\":[{\"name\":\"client_event\",\"channel\":\""
            + channel
            + "\",\"event\":\"client-x\",\"data\":"
            + dataJson
            + "}]}");
  }

  private static Webhook verify(Pusher pusher, byte[] body) {
    return pusher.verifyWebhook("k", TestHmac.hex("s", body), body);
  }

  @Test
  void decryptsClientEventDataOnEncryptedChannels() {
    byte[] body = clientEvent("private-encrypted-a", jsonString(envelope("{\"hi\":\"ł\"}")));

    assertThat(((ClientEvent) verify(WITH_KEY, body).events().get(0)).data())
        .isEqualTo("{\"hi\":\"ł\"}");
  }

  @Test
  void decryptsAnEnvelopeSentAsAJsonObject() {
    byte[] body = clientEvent("private-encrypted-a", envelope("plain"));

    assertThat(((ClientEvent) verify(WITH_KEY, body).events().get(0)).data()).isEqualTo("plain");
  }

  @Test
  void leavesOtherChannelsAlone() {
    String envelope = envelope("x");
    byte[] body = clientEvent("private-a", jsonString(envelope));

    assertThat(((ClientEvent) verify(WITHOUT_KEY, body).events().get(0)).data())
        .isEqualTo(envelope);
  }

  @Test
  void needsNoKeyForEncryptedChannelEventsWithoutData() {
    byte[] body =
        utf8(
            "{\"time_ms\":1,\"events\":[{\"name\":\"member_added\","
                + "\"channel\":\"private-encrypted-a\",\"user_id\":\"1\"}]}");

    assertThat(verify(WITHOUT_KEY, body).events())
        .containsExactly(new MemberAdded("private-encrypted-a", "1"));
  }

  @Test
  void refusesBoxThatDoesNotOpen() {
    byte[] body =
        clientEvent(
            "private-encrypted-a", jsonString("{\"nonce\":\"other\",\"ciphertext\":\"AAAA\"}"));

    assertThatThrownBy(() -> verify(WITH_KEY, body))
        .isInstanceOfSatisfying(
            InvalidWebhookException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNDECRYPTABLE))
        .hasMessage(
            "invalid webhook: events[0].data on private-encrypted-a does not decrypt (wrong master"
                + " key, or tampered data)");
  }

  @Test
  void refusesEncryptedEventWhenNoEncryptionIsConfigured() {
    byte[] body = clientEvent("private-encrypted-a", jsonString(envelope("x")));

    assertThatThrownBy(() -> verify(WITHOUT_KEY, body))
        .isInstanceOfSatisfying(
            InvalidWebhookException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNDECRYPTABLE))
        .hasMessageContaining("no encryption is configured");
  }
}
