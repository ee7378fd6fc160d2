package io.channels4j.webhook;

import java.util.Objects;

/**
 * A channel got its first subscriber.
 *
 * @param channel the channel
 */
public record ChannelOccupied(String channel) implements WebhookEvent {
  /** The name on the wire. */
  public static final String NAME = "channel_occupied";

  /** Rejects null. */
  public ChannelOccupied {
    Objects.requireNonNull(channel, "channel");
  }

  /** Returns {@value #NAME}. */
  @Override
  public String name() {
    return NAME;
  }
}
