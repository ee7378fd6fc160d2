package io.channels4j;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The state of one channel.
 *
 * @param occupied whether any connection is subscribed
 * @param userCount distinct users, when asked for on a presence channel
 * @param subscriptionCount subscribed connections, when reported
 * @param cache the cached event of a cache channel, when asked for and present
 */
public record ChannelInfo(
    boolean occupied,
    OptionalInt userCount,
    OptionalInt subscriptionCount,
    Optional<CachedEvent> cache) {

  /** Rejects nulls. */
  public ChannelInfo {
    Objects.requireNonNull(userCount, "userCount");
    Objects.requireNonNull(subscriptionCount, "subscriptionCount");
    Objects.requireNonNull(cache, "cache");
  }

  /**
   * The last event of a cache channel.
   *
   * @param data the event's data
   * @param ttl the seconds it stays cached
   */
  public record CachedEvent(String data, java.time.Duration ttl) {}
}
