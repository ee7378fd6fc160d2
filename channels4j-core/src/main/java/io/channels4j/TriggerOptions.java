package io.channels4j;

import io.channels4j.internal.Validate;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Options of a trigger: a connection to leave out, and attributes to report back.
 *
 * @param excludeSocketId the socket id of a connection that must not receive the event, if any
 * @param info attributes of each channel to return with the result
 */
public record TriggerOptions(Optional<String> excludeSocketId, Set<ChannelAttribute> info) {
  private static final TriggerOptions NONE = new TriggerOptions(Optional.empty(), Set.of());

  /** Checks the socket id and copies the set. */
  public TriggerOptions {
    excludeSocketId.ifPresent(id -> Validate.socketId("excludeSocketId", id));
    info = info.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(info));
    if (info.contains(ChannelAttribute.CACHE)) {
      throw new ValidationException(
          "info of a trigger may ask for user_count and "
              + "subscription_count only, but asks for cache");
    }
  }

  /**
   * No options.
   *
   * @return the empty options
   */
  public static TriggerOptions none() {
    return NONE;
  }

  /**
   * Leaves out one connection, typically the one whose action caused the event.
   *
   * @param socketId the connection's socket id, like {@code 1234.5678}
   * @return options excluding that connection
   */
  public static TriggerOptions excluding(String socketId) {
    return NONE.withExcludedSocket(socketId);
  }

  /**
   * Returns a copy that leaves out a connection.
   *
   * @param socketId the socket id
   * @return new options
   */
  public TriggerOptions withExcludedSocket(String socketId) {
    return new TriggerOptions(Optional.of(socketId), info);
  }

  /**
   * Returns a copy that asks for attributes of each channel.
   *
   * @param first an attribute
   * @param more more attributes
   * @return new options
   */
  public TriggerOptions withInfo(ChannelAttribute first, ChannelAttribute... more) {
    return new TriggerOptions(excludeSocketId, EnumSet.of(first, more));
  }
}
