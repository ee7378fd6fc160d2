package io.channels4j.internal.calls;

import io.channels4j.BatchResult;
import io.channels4j.ChannelAttributes;
import io.channels4j.ChannelInfo;
import io.channels4j.ChannelsResult;
import io.channels4j.NotifyResult;
import io.channels4j.PresenceUser;
import io.channels4j.TriggerResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Reads the answers of the API calls. Servers differ in what they leave out (soketi omits counts
 * nobody asked for, Pusher omits empty objects), so a missing or mistyped field reads as absent,
 * never as an error.
 */
final class Responses {
  private Responses() {}

  static TriggerResult trigger(Map<String, Object> json) {
    return new TriggerResult(attributesByChannel(json.get("channels")));
  }

  static BatchResult batch(Map<String, Object> json) {
    List<ChannelAttributes> attrs = new ArrayList<>();
    if (json.get("batch") instanceof List<?> batch) {
      batch.forEach(n -> attrs.add(attributes(n)));
    }
    return new BatchResult(attrs);
  }

  static ChannelsResult channels(Map<String, Object> json) {
    return new ChannelsResult(attributesByChannel(json.get("channels")));
  }

  static ChannelInfo channel(Map<String, Object> json) {
    Optional<ChannelInfo.CachedEvent> cached = Optional.empty();
    if (json.get("cache") instanceof Map<?, ?> cache && cache.get("data") != null) {
      long ttl = cache.get("ttl") instanceof Number n ? n.longValue() : 0;
      cached =
          Optional.of(
              new ChannelInfo.CachedEvent(text(cache.get("data")), Duration.ofSeconds(ttl)));
    }
    return new ChannelInfo(
        Boolean.TRUE.equals(json.get("occupied")),
        optionalInt(json.get("user_count")),
        optionalInt(json.get("subscription_count")),
        cached);
  }

  static List<PresenceUser> users(Map<String, Object> json) {
    List<PresenceUser> users = new ArrayList<>();
    if (json.get("users") instanceof List<?> list) {
      for (Object u : list) {
        if (u instanceof Map<?, ?> user && user.get("id") != null) {
          users.add(new PresenceUser(text(user.get("id"))));
        }
      }
    }
    return List.copyOf(users);
  }

  static NotifyResult notify(Map<String, Object> json) {
    return new NotifyResult(
        json.get("number_of_subscribers") instanceof Number n ? n.intValue() : 0);
  }

  private static Map<String, ChannelAttributes> attributesByChannel(@Nullable Object node) {
    if (!(node instanceof Map<?, ?> map)) {
      return Map.of();
    }
    Map<String, ChannelAttributes> channels = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      channels.put((String) e.getKey(), attributes(e.getValue()));
    }
    return channels;
  }

  static ChannelAttributes attributes(@Nullable Object node) {
    if (!(node instanceof Map<?, ?> map)) {
      return ChannelAttributes.NONE;
    }
    return new ChannelAttributes(
        optionalInt(map.get("user_count")), optionalInt(map.get("subscription_count")));
  }

  static OptionalInt optionalInt(@Nullable Object node) {
    return node instanceof Integer i ? OptionalInt.of(i) : OptionalInt.empty();
  }

  /** A scalar as text, as a tree's {@code asText()} gives it: a number's digits, a string as is. */
  private static String text(Object value) {
    return value instanceof String s ? s : String.valueOf(value);
  }
}
