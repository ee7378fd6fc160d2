package io.channels4j.testkit;

import io.channels4j.internal.protocol.ChannelNames;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One event that the test server accepted, from a trigger, a batch or a send-to-user call.
 *
 * @param channels the channels it was sent on; a send-to-user call has the single channel {@code
 *     #server-to-user-USER_ID}
 * @param name the event name
 * @param data the data string exactly as received
 * @param socketId the excluded connection, if one was given
 * @param info the attributes asked for ({@code user_count}, {@code subscription_count})
 * @param batched whether it came in a batch
 */
public record RecordedTrigger(
    List<String> channels,
    String name,
    String data,
    Optional<String> socketId,
    Set<String> info,
    boolean batched) {
  /** Copies the collections. */
  public RecordedTrigger {
    channels = List.copyOf(channels);
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(socketId, "socketId");
    info = Set.copyOf(info);
  }

  /**
   * Returns the channel of an event sent on exactly one channel.
   *
   * @return the channel
   * @throws IllegalStateException when it went to several channels
   */
  public String channel() {
    if (channels.size() != 1) {
      throw new IllegalStateException(
          "the event went to " + channels.size() + " channels, not one: " + channels);
    }
    return channels.get(0);
  }

  /**
   * Returns the user a send-to-user call addressed.
   *
   * @return the user id, or empty for an ordinary trigger
   */
  public Optional<String> userId() {
    if (channels.size() == 1 && channels.get(0).startsWith(ChannelNames.SERVER_TO_USER_PREFIX)) {
      return Optional.of(channels.get(0).substring(ChannelNames.SERVER_TO_USER_PREFIX.length()));
    }
    return Optional.empty();
  }
}
