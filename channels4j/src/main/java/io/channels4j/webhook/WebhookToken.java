package io.channels4j.webhook;

import io.channels4j.ValidationException;

/**
 * A key and secret that webhooks may be signed with. Pusher signs with the app's oldest active
 * token, so during a rotation a client accepts several (see {@code Pusher.Builder.webhookToken}).
 *
 * @param key the key, sent in {@code X-Pusher-Key}
 * @param secret the secret; never shown by {@link #toString()}
 */
public record WebhookToken(String key, String secret) {
  /** Rejects empty values. */
  public WebhookToken {
    if (key == null || key.isBlank()) {
      throw new ValidationException("webhook token key must not be empty");
    }
    if (secret == null || secret.isBlank()) {
      throw new ValidationException("webhook token secret must not be empty");
    }
  }

  /** Shows the key, never the secret. */
  @Override
  public String toString() {
    return "WebhookToken[key=" + key + ", secret=<redacted>]";
  }
}
