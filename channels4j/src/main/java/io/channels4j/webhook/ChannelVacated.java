package io.channels4j.webhook;

import java.util.Objects;

/**
 * A channel lost its last subscriber (sent up to 3 s late, so a quick reconnect does not flap).
 *
 * @param channel the channel
 */
public record ChannelVacated(String channel) implements WebhookEvent {
  /** The name on the wire. */
  public static final String NAME = "channel_vacated";

  /** Rejects null. */
  public ChannelVacated {
    Objects.requireNonNull(channel, "channel");
  }

  /** Returns {@value #NAME}. */
  @Override
  public String name() {
    return NAME;
  }
}
