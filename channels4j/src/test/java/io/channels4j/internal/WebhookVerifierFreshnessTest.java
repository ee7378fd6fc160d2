package io.channels4j.internal;

import static io.channels4j.internal.TestHmac.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channels4j.Pusher;
import io.channels4j.ValidationException;
import io.channels4j.webhook.InvalidWebhookException;
import io.channels4j.webhook.InvalidWebhookException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The optional time_ms window, measured with the client's Clock. */
class WebhookVerifierFreshnessTest {
  private static final Instant NOW = Instant.parse("2024-03-01T12:00:00Z");

  private static Pusher pusher(Duration maxAge) {
    Pusher.Builder b = TestClients.builder("k", "s").clock(Clock.fixed(NOW, ZoneOffset.UTC));
    return (maxAge == null ? b : b.webhookMaxAge(maxAge)).build();
  }

  private static byte[] bodyAt(Instant time) {
    return utf8("{\"time_ms\":" + time.toEpochMilli() + ",\"events\":[]}");
  }

  private static void verify(Pusher pusher, byte[] body) {
    pusher.verifyWebhook("k", TestHmac.hex("s", body), body);
  }

  @Test
  void acceptsAnyAgeByDefault() {
    try (Pusher pusher = pusher(null)) {
      byte[] body = bodyAt(Instant.EPOCH);

      assertThat(pusher.verifyWebhook("k", TestHmac.hex("s", body), body).time())
          .isEqualTo(Instant.EPOCH);
    }
  }

  @Test
  void acceptsWebhooksUpToTheMaxAge() {
    try (Pusher pusher = pusher(Duration.ofMinutes(10))) {
      verify(pusher, bodyAt(NOW.minus(Duration.ofMinutes(10))));
      verify(pusher, bodyAt(NOW.plus(Duration.ofMinutes(10))));
      verify(pusher, bodyAt(NOW));
    }
  }

  @Test
  void refusesOlderWebhooks() {
    try (Pusher pusher = pusher(Duration.ofMinutes(10))) {
      byte[] body = bodyAt(NOW.minus(Duration.ofMinutes(10)).minusMillis(1));

      assertThatThrownBy(() -> verify(pusher, body))
          .isInstanceOfSatisfying(
              InvalidWebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_OLD))
          .hasMessage(
              "invalid webhook: time_ms is 2024-03-01T11:49:59.999Z, PT10M0.001S old by this"
                  + " client's clock, beyond the allowed PT10M");
    }
  }

  @Test
  void refusesWebhooksFromTooFarInTheFuture() {
    try (Pusher pusher = pusher(Duration.ofMinutes(10))) {
      byte[] body = bodyAt(NOW.plus(Duration.ofHours(1)));

      assertThatThrownBy(() -> verify(pusher, body))
          .isInstanceOfSatisfying(
              InvalidWebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_OLD))
          .hasMessageContaining("in the future by PT1H");
    }
  }

  @Test
  void refusesExtremeTimestampsWithoutOverflow() {
    try (Pusher pusher = pusher(Duration.ofMinutes(10))) {
      for (long ms : new long[] {Long.MAX_VALUE, Long.MIN_VALUE}) {
        byte[] body = utf8("{\"time_ms\":" + ms + ",\"events\":[]}");

        assertThatThrownBy(() -> verify(pusher, body))
            .isInstanceOfSatisfying(
                InvalidWebhookException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.TOO_OLD));
      }
    }
  }

  @Test
  void checksTheSignatureBeforeTheAge() {
    try (Pusher pusher = pusher(Duration.ofMinutes(10))) {
      byte[] body = bodyAt(Instant.EPOCH);

      assertThatThrownBy(() -> pusher.verifyWebhook("k", TestHmac.hex("wrong", body), body))
          .isInstanceOfSatisfying(
              InvalidWebhookException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
    }
  }

  @Test
  void maxAgeMustBePositive() {
    Pusher.Builder b = TestClients.builder("k", "s");

    assertThatThrownBy(() -> b.webhookMaxAge(Duration.ZERO))
        .isInstanceOf(ValidationException.class)
        .hasMessage("webhookMaxAge must be positive, but is PT0S");
    assertThatThrownBy(() -> b.webhookMaxAge(Duration.ofSeconds(-1)))
        .isInstanceOf(ValidationException.class);
  }
}
