package io.channels4j;

import io.channels4j.internal.Validate;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One event of a batch trigger.
 *
 * @param channel the channel to send it on
 * @param name the event name
 * @param data the payload: a {@link String} is sent as is, anything else is encoded by the client's
 *     payload encoder
 * @param excludeSocketId a connection that must not receive it, if any
 * @param info attributes of the channel to report back
 */
public record Event(
    String channel,
    String name,
    Object data,
    Optional<String> excludeSocketId,
    Set<ChannelAttribute> info) {

  /** Checks the fields that do not depend on the client's settings. */
  public Event {
    Validate.channel("channel", channel);
    Validate.eventName("name", name);
    Objects.requireNonNull(data, "data");
    excludeSocketId.ifPresent(id -> Validate.socketId("excludeSocketId", id));
    info = info.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(info));
    // Same rule as TriggerOptions: the events API reports counts, never a channel's cache.
    if (info.contains(ChannelAttribute.CACHE)) {
      throw new ValidationException(
          "info of a batch event may ask for user_count and "
              + "subscription_count only, but asks for cache");
    }
  }

  /**
   * Creates an event.
   *
   * @param channel the channel
   * @param name the event name
   * @param data the payload
   * @return the event
   */
  public static Event of(String channel, String name, Object data) {
    return new Event(channel, name, data, Optional.empty(), Set.of());
  }

  /**
   * Returns a copy that leaves out one connection.
   *
   * @param socketId the socket id
   * @return the new event
   */
  public Event excluding(String socketId) {
    return new Event(channel, name, data, Optional.of(socketId), info);
  }

  /**
   * Returns a copy that asks for the channel's attributes.
   *
   * @param first an attribute
   * @param more more attributes
   * @return the new event
   */
  public Event withInfo(ChannelAttribute first, ChannelAttribute... more) {
    return new Event(channel, name, data, excludeSocketId, EnumSet.of(first, more));
  }
}
