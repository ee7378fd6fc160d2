package io.channels4j.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channels4j.Pusher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The signature-only webhook check, and the log line of a refused webhook. */
class WebhookSignatureTest {
  private static final String KEY = "webhook-key";
  private static final String SECRET = "webhook-secret-never-logged";
  private static final byte[] BODY =
      "{\"time_ms\":1327078148132,\"events\":[{\"name\":\"channel_occupied\",\"channel\":\"c\"}]}"
          .getBytes(StandardCharsets.UTF_8);

  private final Pusher pusher =
      Pusher.builder()
          .appId("1")
          .key(KEY)
          .secret(SECRET)
          .host("127.0.0.1")
          .webhookToken("old-key", "old-secret")
          .build();
  private final Logger julLogger = Logger.getLogger("io.channels4j.webhook");
  private final List<LogRecord> logged = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          logged.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void captureLogs() {
    julLogger.addHandler(capture);
  }

  @AfterEach
  void release() {
    julLogger.removeHandler(capture);
    pusher.close();
  }

  /** HMAC-SHA256 with the JDK directly, independently of the library's Hmac. */
  private static String sign(String secret, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }

  @Test
  void acceptsTheHmacOfTheBodyUnderTheKeysSecretInEitherHexCase() throws Exception {
    String signature = sign(SECRET, BODY);

    assertThat(pusher.checkWebhookSignature(KEY, signature, BODY).isValid()).isTrue();
    assertThat(pusher.checkWebhookSignature(KEY, signature.toUpperCase(), BODY).isValid()).isTrue();
    assertThat(pusher.checkWebhookSignature(KEY, signature, BODY).reason()).isEmpty();
    assertThat(pusher.checkWebhookSignature("old-key", sign("old-secret", BODY), BODY).isValid())
        .isTrue();
    assertThat(logged).isEmpty();
  }

  @Test
  void acceptsABodyThatIsNotJsonBecauseItOnlyChecksTheSignature() throws Exception {
    byte[] notJson = "not json at all".getBytes(StandardCharsets.UTF_8);

    assertThat(pusher.checkWebhookSignature(KEY, sign(SECRET, notJson), notJson).isValid())
        .isTrue();
  }

  @Test
  void refusesWithATypedReasonAndNeverThrows() throws Exception {
    String signature = sign(SECRET, BODY);
    byte[] tampered = BODY.clone();
    tampered[10] ^= 1;

    assertThat(pusher.checkWebhookSignature(null, signature, BODY).reason())
        .contains(InvalidWebhookException.Reason.MISSING_HEADER);
    assertThat(pusher.checkWebhookSignature(KEY, " ", BODY).reason())
        .contains(InvalidWebhookException.Reason.MISSING_HEADER);
    assertThat(pusher.checkWebhookSignature("other-key", signature, BODY).reason())
        .contains(InvalidWebhookException.Reason.UNKNOWN_KEY);
    assertThat(pusher.checkWebhookSignature(KEY, signature, tampered).reason())
        .contains(InvalidWebhookException.Reason.BAD_SIGNATURE);
    assertThat(pusher.checkWebhookSignature(KEY, "zz-not-hex", BODY).reason())
        .contains(InvalidWebhookException.Reason.BAD_SIGNATURE);
    assertThat(pusher.checkWebhookSignature(KEY, sign("old-secret", BODY), BODY).reason())
        .contains(InvalidWebhookException.Reason.BAD_SIGNATURE);
    assertThat(pusher.checkWebhookSignature(KEY, signature, null).reason())
        .contains(InvalidWebhookException.Reason.MALFORMED_BODY);
  }

  @Test
  void orThrowGivesTheSameReasonAsTheException() throws Exception {
    WebhookSignature refused = pusher.checkWebhookSignature("other-key", sign(SECRET, BODY), BODY);

    assertThat(refused.isValid()).isFalse();
    assertThat(refused.message()).contains("'other-key'").doesNotContain(SECRET);
    assertThatThrownBy(refused::orThrow)
        .isInstanceOfSatisfying(
            InvalidWebhookException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidWebhookException.Reason.UNKNOWN_KEY));
  }

  @Test
  void logsARefusedWebhookAtInfoWithTheReasonOnly() throws Exception {
    String wrongSignature = sign("wrong-secret", BODY);

    pusher.checkWebhookSignature(KEY, wrongSignature, BODY);
    assertThatThrownBy(() -> pusher.verifyWebhook(KEY, wrongSignature, BODY))
        .isInstanceOf(InvalidWebhookException.class);
    byte[] unsignedJunk = "{".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> pusher.verifyWebhook(KEY, sign(SECRET, unsignedJunk), unsignedJunk))
        .isInstanceOf(InvalidWebhookException.class);

    assertThat(logged).hasSize(3);
    assertThat(logged).allSatisfy(r -> assertThat(r.getLevel()).isEqualTo(Level.INFO));
    List<String> lines = new ArrayList<>();
    for (LogRecord r : logged) {
      lines.add(java.text.MessageFormat.format(r.getMessage(), r.getParameters()));
    }
    assertThat(lines)
        .containsExactly(
            "webhook refused: BAD_SIGNATURE",
            "webhook refused: BAD_SIGNATURE",
            "webhook refused: MALFORMED_BODY");
    assertThat(String.join("\n", lines))
        .doesNotContain(SECRET)
        .doesNotContain(wrongSignature)
        .doesNotContain(KEY)
        .doesNotContain("time_ms");
  }

  @Test
  void logsNothingForAValidWebhook() throws Exception {
    pusher.verifyWebhook(KEY, sign(SECRET, BODY), BODY);

    assertThat(logged).isEmpty();
  }
}
