package io.channels4j.crypto;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channels4j.Pusher;
import io.channels4j.spi.ChannelEncryption;
import io.channels4j.webhook.ClientEvent;
import io.channels4j.webhook.InvalidWebhookException;
import io.channels4j.webhook.InvalidWebhookException.Reason;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The core's authorization and webhook verification with the real secretbox. */
class PusherWithSecretBoxTest {
  // V-21: the 33 ASCII bytes the Go vectors use as a master key.
  private static final byte[] KEY_33 = "This is a string that is 32 chars".getBytes(US_ASCII);
  private static final String V21_ENVELOPE =
      "{\"nonce\":\"sjklahvpWWQgAjTx5FfYHCCxd2AmaL9T\",\"ciphertext\":\"zoDEe8dA3nDXKsybAWce/hXGW4szJw==\"}";

  private static Pusher pusher(ChannelEncryption encryption) {
    return Pusher.builder()
        .appId("1")
        .key("f00d")
        .secret("tofu")
        .host("127.0.0.1")
        .encryption(encryption)
        .build();
  }

  private static String hmacHex(String secret, byte[] body) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }

  private static byte[] clientEventBody(String channel, String envelope) {
    return ("{\"time_ms\":1,\"events\":[{\"name\":\"client_event\",\"channel\":\""
            + channel
            + "\",\"event\":\"client-x\",\"data\":\""
            + envelope.replace("\"", "\\\"")
            + "\"}]}")
        .getBytes(UTF_8);
  }

  @Test
  void authorizesEncryptedChannelAsNodeDoes() {
    // protocol.md V-22; the signature over "123.456:private-encrypted-bla" was re-computed with
    // Python's hmac, the shared secret is Node's.
    try (Pusher pusher =
        pusher(
            SecretBoxEncryption.withMasterKeyBase64(
                "zyrm8pvV2C9fJcBfhyXzvxbJVN/H7QLmbe0xJi1GhPU="))) {
      assertThat(pusher.authorizeChannel("123.456", "private-encrypted-bla").toJson())
          .isEqualTo(
              "{\"auth\":\"f00d:43d808e37d261f4e02402a739649ba29a6854cb978efdbc92892cd744c567030\","
                  + "\"shared_secret\":\"nlr49ISQHz91yS3cy/yWmW8wFMNeTnNL5tNHnbPJcLQ=\"}");
    }
  }

  @Test
  void decryptsGosEncryptedWebhookEvent() throws Exception {
    try (Pusher pusher = pusher(SecretBoxEncryption.withAnyMasterKey(KEY_33, b -> {}))) {
      byte[] body = clientEventBody("private-encrypted-bla", V21_ENVELOPE);

      ClientEvent event =
          (ClientEvent) pusher.verifyWebhook("f00d", hmacHex("tofu", body), body).events().get(0);

      assertThat(event.data()).isEqualTo("Hello!");
    }
  }

  @Test
  void refusesEventThatDoesNotOpenUnderAnotherKey() throws Exception {
    byte[] wrongKey = "This is an invalid key 32 chars!!".getBytes(US_ASCII);
    try (Pusher pusher = pusher(SecretBoxEncryption.withAnyMasterKey(wrongKey, b -> {}))) {
      byte[] body = clientEventBody("private-encrypted-bla", V21_ENVELOPE);
      String signature = hmacHex("tofu", body);

      assertThatThrownBy(() -> pusher.verifyWebhook("f00d", signature, body))
          .isInstanceOfSatisfying(
              InvalidWebhookException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.UNDECRYPTABLE));
    }
  }

  @Test
  void decryptsWhatItEncrypted() throws Exception {
    SecretBoxEncryption box =
        SecretBoxEncryption.withMasterKeyBase64("zyrm8pvV2C9fJcBfhyXzvxbJVN/H7QLmbe0xJi1GhPU=");
    try (Pusher pusher = pusher(box)) {
      String channel = "private-encrypted-room";
      byte[] body = clientEventBody(channel, box.encrypt(channel, "{\"x\":\"ł\"}".getBytes(UTF_8)));

      ClientEvent event =
          (ClientEvent) pusher.verifyWebhook("f00d", hmacHex("tofu", body), body).events().get(0);

      assertThat(event.data()).isEqualTo("{\"x\":\"ł\"}");
    }
  }
}
