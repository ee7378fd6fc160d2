package io.channels4j.webhook;

import java.util.Objects;

/**
 * The number of connections subscribed to a channel changed. Pusher sends it for every channel but
 * presence ones (at most every 5 s on busy channels) when the app enables it; soketi does not.
 *
 * @param channel the channel
 * @param subscriptionCount connections subscribed now
 */
public record SubscriptionCount(String channel, int subscriptionCount) implements WebhookEvent {
  /** The name on the wire. */
  public static final String NAME = "subscription_count";

  /** Rejects null. */
  public SubscriptionCount {
    Objects.requireNonNull(channel, "channel");
  }

  /** Returns {@value #NAME}. */
  @Override
  public String name() {
    return NAME;
  }
}
