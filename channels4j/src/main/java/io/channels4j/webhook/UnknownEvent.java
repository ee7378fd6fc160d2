package io.channels4j.webhook;

import java.util.Objects;

/**
 * An event of a kind this version does not model, kept rather than rejected.
 *
 * @param name its name on the wire
 * @param channel its {@code channel}, or the empty string when it has none
 * @param json the whole event object as JSON text, to read any other field
 */
public record UnknownEvent(String name, String channel, String json) implements WebhookEvent {
  /** Rejects nulls. */
  public UnknownEvent {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(json, "json");
  }
}
