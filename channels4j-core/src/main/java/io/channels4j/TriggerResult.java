package io.channels4j;

import java.util.Map;

/**
 * The result of a trigger.
 *
 * @param channels attributes per channel, present only when the trigger asked for {@code info} and
 *     the server reported them
 */
public record TriggerResult(Map<String, ChannelAttributes> channels) {
  /** Copies the map. */
  public TriggerResult {
    channels = Map.copyOf(channels);
  }

  /**
   * Returns one channel's attributes.
   *
   * @param channel the channel name
   * @return its attributes, {@link ChannelAttributes#NONE} when not reported
   */
  public ChannelAttributes channel(String channel) {
    return channels.getOrDefault(channel, ChannelAttributes.NONE);
  }
}
