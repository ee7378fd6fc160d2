package io.channels4j.webhook;

import java.util.Objects;

/**
 * A client subscribed to a cache channel that holds no cached event: time to publish one.
 *
 * @param channel the channel
 */
public record CacheMiss(String channel) implements WebhookEvent {
  /** The name on the wire. */
  public static final String NAME = "cache_miss";

  /** Rejects null. */
  public CacheMiss {
    Objects.requireNonNull(channel, "channel");
  }

  /** Returns {@value #NAME}. */
  @Override
  public String name() {
    return NAME;
  }
}
