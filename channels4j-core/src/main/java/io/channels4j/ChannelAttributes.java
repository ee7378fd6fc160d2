package io.channels4j;

import java.util.OptionalInt;

/**
 * Counts the server reported for one channel. Each is empty when the server did not report it (it
 * was not asked for, or the server, like soketi, ignores {@code info}).
 *
 * @param userCount distinct users on a presence channel
 * @param subscriptionCount subscribed connections
 */
public record ChannelAttributes(OptionalInt userCount, OptionalInt subscriptionCount) {
  /** No attributes. */
  public static final ChannelAttributes NONE =
      new ChannelAttributes(OptionalInt.empty(), OptionalInt.empty());

  /** Rejects nulls. */
  public ChannelAttributes {
    java.util.Objects.requireNonNull(userCount, "userCount");
    java.util.Objects.requireNonNull(subscriptionCount, "subscriptionCount");
  }
}
