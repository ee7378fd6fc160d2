package io.channels4j.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channels4j.Pusher;
import io.channels4j.ValidationException;
import org.junit.jupiter.api.Test;

class WebhookTokenTest {

  @Test
  void toStringShowsTheKeyButNeverTheSecret() {
    assertThat(new WebhookToken("key-1", "very-secret"))
        .hasToString("WebhookToken[key=key-1, secret=<redacted>]");
  }

  @Test
  void rejectsEmptyKeyOrSecret() {
    assertThatThrownBy(() -> new WebhookToken(" ", "s"))
        .isInstanceOf(ValidationException.class)
        .hasMessage("webhook token key must not be empty");
    assertThatThrownBy(() -> new WebhookToken("k", null))
        .isInstanceOf(ValidationException.class)
        .hasMessage("webhook token secret must not be empty");
  }

  @Test
  void builderRejectsEmptyTokenWithoutEchoingTheSecret() {
    Pusher.Builder builder = Pusher.builder();

    assertThatThrownBy(() -> builder.webhookToken("", "very-secret"))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("very-secret"));
  }
}
