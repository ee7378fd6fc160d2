package io.channels4j;

import java.util.Map;

/**
 * Occupied channels.
 *
 * @param channels attributes per channel name
 */
public record ChannelsResult(Map<String, ChannelAttributes> channels) {
  /** Copies the map. */
  public ChannelsResult {
    channels = Map.copyOf(channels);
  }
}
