package io.channels4j.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A verified webhook.
 *
 * @param time when the server created it ({@code time_ms}); retries keep the original time
 * @param events its events, in the order sent: one, unless the app has batch webhooks enabled
 */
public record Webhook(Instant time, List<WebhookEvent> events) {
  /** Rejects nulls and copies the events. */
  public Webhook {
    Objects.requireNonNull(time, "time");
    events = List.copyOf(events);
  }
}
