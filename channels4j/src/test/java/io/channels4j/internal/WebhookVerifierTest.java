package io.channels4j.internal;

import static io.channels4j.internal.TestHmac.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channels4j.Pusher;
import io.channels4j.webhook.ChannelVacated;
import io.channels4j.webhook.InvalidWebhookException;
import io.channels4j.webhook.InvalidWebhookException.Reason;
import io.channels4j.webhook.Webhook;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Signature and header checks, with the published vectors of protocol.md 10.4 and V-08. */
class WebhookVerifierTest {
  // V-31 (Node): token 123456789 / tofu.
  private static final String V31_BODY =
      "{\"time_ms\":1403175510755,\"events\":[{\"channel\":\"test_channel\",\"name\":\"channel_vacated\"}]}";
  private static final String V31_SIGNATURE =
      "c17257e92037cd7de407ebc1ed174ceb7b2e518db127f44411b9ffc4f5b28cc5";

  private static final Pusher NODE = TestClients.pusher("123456789", "tofu");
  private static final Pusher ROTATING =
      TestClients.builder("123456789", "tofu")
          .webhookToken("1234", "tofu")
          .webhookToken("3", "tofu")
          .build();

  @AfterAll
  static void close() {
    NODE.close();
    ROTATING.close();
  }

  private static Map<String, List<String>> headers(String key, String signature) {
    Map<String, List<String>> headers = new HashMap<>();
    headers.put("X-Pusher-Key", List.of(key));
    headers.put("X-Pusher-Signature", List.of(signature));
    headers.put("Content-Type", List.of("application/json"));
    return headers;
  }

  private static void assertInvalid(ThrowingCallable call, Reason reason) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            InvalidWebhookException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @Test
  void acceptsNodesWebhookAndReadsIt() {
    Webhook webhook = NODE.verifyWebhook(headers("123456789", V31_SIGNATURE), utf8(V31_BODY));

    assertThat(webhook.time()).isEqualTo(Instant.ofEpochMilli(1403175510755L));
    assertThat(webhook.events()).containsExactly(new ChannelVacated("test_channel"));
  }

  @Test
  void acceptsExtraTokensForKeyRotation() {
    assertThat(ROTATING.verifyWebhook("1234", V31_SIGNATURE, utf8(V31_BODY)).events()).hasSize(1);
    assertThat(ROTATING.verifyWebhook("3", V31_SIGNATURE, utf8(V31_BODY)).events()).hasSize(1);
    assertThat(ROTATING.verifyWebhook("123456789", V31_SIGNATURE, utf8(V31_BODY)).events())
        .hasSize(1);
  }

  @Test
  void refusesKeyOfAnUnsuppliedToken() {
    assertInvalid(
        () -> NODE.verifyWebhook("1234", V31_SIGNATURE, utf8(V31_BODY)), Reason.UNKNOWN_KEY);
    assertInvalid(() -> NODE.verifyWebhook("3", V31_SIGNATURE, utf8(V31_BODY)), Reason.UNKNOWN_KEY);
  }

  @Test
  void refusesTokenWhoseSecretDidNotSign() {
    try (Pusher pusher =
        TestClients.builder("123456789", "tofu").webhookToken("1234", "other").build()) {
      assertInvalid(
          () -> pusher.verifyWebhook("1234", V31_SIGNATURE, utf8(V31_BODY)), Reason.BAD_SIGNATURE);
    }
  }

  @Test
  void ignoresTheContentType() {
    // Node refuses anything but exactly application/json; frameworks add "; charset=utf-8".
    Map<String, List<String>> headers = headers("123456789", V31_SIGNATURE);
    headers.put("Content-Type", List.of("application/weird; charset=utf-8"));

    assertThat(NODE.verifyWebhook(headers, utf8(V31_BODY)).events()).hasSize(1);
  }

  @Test
  void acceptsUpperCaseHexSignature() {
    assertThat(
            NODE.verifyWebhook("123456789", V31_SIGNATURE.toUpperCase(Locale.ROOT), utf8(V31_BODY))
                .events())
        .hasSize(1);
  }

  @Test
  void checksGosSignatureThenRefusesItsBodyWhichIsNoWebhook() {
    try (Pusher go = TestClients.pusher("key", "secret")) {
      byte[] body = utf8("{\"hello\":\"world\"}");
      String signature = "2677ad3e7c090b2fa2c0fb13020d66d5420879b8316eb356a2d60fb9073bc778";

      // The signature passes (the body is then refused as having no time_ms and events).
      assertInvalid(() -> go.verifyWebhook(headers("key", signature), body), Reason.MALFORMED_BODY);
      assertInvalid(() -> go.verifyWebhook(headers("nokey", signature), body), Reason.UNKNOWN_KEY);
      assertInvalid(
          () ->
              go.verifyWebhook(
                  headers("key", "2677ad3e7c090i'mgonnagetyaeb356a2d60fb9073bc778"), body),
          Reason.BAD_SIGNATURE);
      Map<String, List<String>> noSignature = headers("key", signature);
      noSignature.remove("X-Pusher-Signature");
      assertInvalid(() -> go.verifyWebhook(noSignature, body), Reason.MISSING_HEADER);
    }
  }

  @Test
  void checksGosHelloVector() {
    try (Pusher go = TestClients.pusher("key", "supersecret")) {
      byte[] body = utf8("Hello!");
      String signature = "64e3f44166575febbc5de88c9476325ea7d4b3684752158d9fdb31fce34b980d";

      assertInvalid(() -> go.verifyWebhook("key", signature, body), Reason.MALFORMED_BODY);
      assertInvalid(
          () -> go.verifyWebhook("key", signature.replace('6', '7'), body), Reason.BAD_SIGNATURE);
    }
  }

  @Test
  void findsHeadersInAnyCase() {
    Map<String, List<String>> headers = new HashMap<>();
    headers.put("x-pusher-key", List.of("123456789"));
    headers.put("X-PUSHER-SIGNATURE", List.of(V31_SIGNATURE));

    assertThat(NODE.verifyWebhook(headers, utf8(V31_BODY)).events()).hasSize(1);
  }

  @Test
  void toleratesNullKeysValuesAndWhitespace() {
    // HttpURLConnection maps the status line to a null key; some adapters leave null values.
    Map<String, List<String>> headers = new HashMap<>();
    headers.put(null, List.of("HTTP/1.1 200 OK"));
    headers.put("Accept", null);
    List<String> keys = new ArrayList<>();
    keys.add(null);
    keys.add(" 123456789 ");
    headers.put("X-Pusher-Key", keys);
    headers.put("X-Pusher-Signature", List.of(V31_SIGNATURE + "\t"));

    assertThat(NODE.verifyWebhook(headers, utf8(V31_BODY)).events()).hasSize(1);
  }

  @Test
  void acceptsARepeatedHeaderWithOneValue() {
    Map<String, List<String>> headers = new TreeMap<>();
    headers.put("X-Pusher-Key", List.of("123456789", "123456789"));
    headers.put("x-pusher-key", List.of("123456789"));
    headers.put("X-Pusher-Signature", List.of(V31_SIGNATURE));

    assertThat(NODE.verifyWebhook(headers, utf8(V31_BODY)).events()).hasSize(1);
  }

  @Test
  void refusesARepeatedHeaderWithDifferentValues() {
    Map<String, List<String>> headers = headers("123456789", V31_SIGNATURE);
    headers.put("x-pusher-signature", List.of("00"));

    assertThatThrownBy(() -> NODE.verifyWebhook(headers, utf8(V31_BODY)))
        .isInstanceOfSatisfying(
            InvalidWebhookException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_HEADER))
        .hasMessage(
            "invalid webhook: the X-Pusher-Signature header must have one value, but has several");
  }

  @Test
  void refusesMissingOrEmptyHeaders() {
    assertInvalid(() -> NODE.verifyWebhook(Map.of(), utf8(V31_BODY)), Reason.MISSING_HEADER);
    assertInvalid(() -> NODE.verifyWebhook(null, utf8(V31_BODY)), Reason.MISSING_HEADER);
    assertInvalid(
        () -> NODE.verifyWebhook(null, V31_SIGNATURE, utf8(V31_BODY)), Reason.MISSING_HEADER);
    assertInvalid(
        () -> NODE.verifyWebhook(" ", V31_SIGNATURE, utf8(V31_BODY)), Reason.MISSING_HEADER);
    assertInvalid(() -> NODE.verifyWebhook("123456789", "", utf8(V31_BODY)), Reason.MISSING_HEADER);
    assertInvalid(
        () -> NODE.verifyWebhook(Map.of("X-Pusher-Key", List.of()), utf8(V31_BODY)),
        Reason.MISSING_HEADER);
  }

  @Test
  void refusesMissingBody() {
    assertInvalid(
        () -> NODE.verifyWebhook("123456789", V31_SIGNATURE, null), Reason.MALFORMED_BODY);
  }

  @Test
  void refusesBodyChangedByOneByte() {
    byte[] body = utf8(V31_BODY.replace("test_channel", "test_channeL"));

    assertThatThrownBy(() -> NODE.verifyWebhook("123456789", V31_SIGNATURE, body))
        .isInstanceOfSatisfying(
            InvalidWebhookException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE))
        .hasMessageStartingWith(
            "invalid webhook: X-Pusher-Signature is not the HMAC-SHA256 of the body under the"
                + " secret of key '123456789'");
  }

  @Test
  void refusesSignatureWithFullwidthHexDigits() {
    String fullwidth = "\uff43" + V31_SIGNATURE.substring(1); // fullwidth 'c'

    assertInvalid(
        () -> NODE.verifyWebhook("123456789", fullwidth, utf8(V31_BODY)), Reason.BAD_SIGNATURE);
  }

  @Test
  void messagesNeverContainTheSecretOrTheExpectedSignature() {
    String secret = "s3cr3t-never-shown";
    try (Pusher pusher = TestClients.pusher("app-key", secret)) {
      byte[] body = utf8("{\"time_ms\":1,\"events\":[]}");
      String good = TestHmac.hex(secret, body);
      ThrowingCallable[] calls = {
        () -> pusher.verifyWebhook("app-key", "00" + good.substring(2), body),
        () -> pusher.verifyWebhook("other", good, body),
        () -> pusher.verifyWebhook("app-key", good, utf8("{\"time_ms\":1}")),
      };
      for (ThrowingCallable call : calls) {
        assertThatThrownBy(call)
            .isInstanceOf(InvalidWebhookException.class)
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret).doesNotContain(good));
      }
    }
  }

  @Test
  void echoesUnknownKeyOnlyAsShortPrintableText() {
    String key = "ev\nil\u0000" + "k".repeat(100);

    assertThatThrownBy(() -> NODE.verifyWebhook(key, V31_SIGNATURE, utf8(V31_BODY)))
        .isInstanceOf(InvalidWebhookException.class)
        .hasMessageStartingWith("invalid webhook: X-Pusher-Key 'ev?il?kkk")
        .hasMessageContaining("...'")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void invalidWebhookIsNotRetryable() {
    InvalidWebhookException e = new InvalidWebhookException(Reason.TOO_OLD, "x");

    assertThat(e.isRetryable()).isFalse();
    assertThat(e.attempts()).isZero();
    assertThat(e).hasMessage("invalid webhook: x");
  }
}
