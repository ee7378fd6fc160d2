package io.channels4j.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the events of a webhook body, in the fields and order the service uses, for {@link
 * PusherTestServer#sendWebhook}.
 */
public final class WebhookEvents {
  private WebhookEvents() {}

  /**
   * A {@code channel_occupied} event.
   *
   * @param channel the channel
   * @return the event
   */
  public static Map<String, Object> channelOccupied(String channel) {
    return event("channel_occupied", channel);
  }

  /**
   * A {@code channel_vacated} event.
   *
   * @param channel the channel
   * @return the event
   */
  public static Map<String, Object> channelVacated(String channel) {
    return event("channel_vacated", channel);
  }

  /**
   * A {@code member_added} event.
   *
   * @param channel the presence channel
   * @param userId the user
   * @return the event
   */
  public static Map<String, Object> memberAdded(String channel, String userId) {
    Map<String, Object> e = event("member_added", channel);
    e.put("user_id", Objects.requireNonNull(userId, "userId"));
    return e;
  }

  /**
   * A {@code member_removed} event.
   *
   * @param channel the presence channel
   * @param userId the user
   * @return the event
   */
  public static Map<String, Object> memberRemoved(String channel, String userId) {
    Map<String, Object> e = event("member_removed", channel);
    e.put("user_id", Objects.requireNonNull(userId, "userId"));
    return e;
  }

  /**
   * A {@code client_event} event.
   *
   * @param channel the channel
   * @param event the client event's name, e.g. {@code client-typing}
   * @param data its data string
   * @param socketId the sender's socket id
   * @param userId the sender's user id, on presence channels
   * @return the event
   */
  public static Map<String, Object> clientEvent(
      String channel, String event, String data, String socketId, Optional<String> userId) {
    Map<String, Object> e = event("client_event", channel);
    e.put("event", Objects.requireNonNull(event, "event"));
    e.put("data", Objects.requireNonNull(data, "data"));
    e.put("socket_id", Objects.requireNonNull(socketId, "socketId"));
    userId.ifPresent(u -> e.put("user_id", u));
    return e;
  }

  /**
   * A {@code cache_miss} event.
   *
   * @param channel the cache channel
   * @return the event
   */
  public static Map<String, Object> cacheMiss(String channel) {
    return event("cache_miss", channel);
  }

  /**
   * A {@code subscription_count} event.
   *
   * @param channel the channel
   * @param count the number of subscriptions
   * @return the event
   */
  public static Map<String, Object> subscriptionCount(String channel, int count) {
    Map<String, Object> e = event("subscription_count", channel);
    e.put("subscription_count", count);
    return e;
  }

  private static Map<String, Object> event(String name, String channel) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("name", name);
    e.put("channel", Objects.requireNonNull(channel, "channel"));
    return e;
  }
}
