package io.channels4j.internal.calls;

import com.fasterxml.jackson.databind.JsonNode;
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

  static TriggerResult trigger(JsonNode json) {
    return new TriggerResult(attributesByChannel(json.get("channels")));
  }

  static BatchResult batch(JsonNode json) {
    List<ChannelAttributes> attrs = new ArrayList<>();
    JsonNode batch = json.get("batch");
    if (batch != null && batch.isArray()) {
      batch.forEach(n -> attrs.add(attributes(n)));
    }
    return new BatchResult(attrs);
  }

  static ChannelsResult channels(JsonNode json) {
    return new ChannelsResult(attributesByChannel(json.get("channels")));
  }

  static ChannelInfo channel(JsonNode json) {
    JsonNode cache = json.get("cache");
    Optional<ChannelInfo.CachedEvent> cached = Optional.empty();
    if (cache != null && cache.isObject() && cache.hasNonNull("data")) {
      cached =
          Optional.of(
              new ChannelInfo.CachedEvent(
                  cache.get("data").asText(), Duration.ofSeconds(cache.path("ttl").asLong(0))));
    }
    return new ChannelInfo(
        json.path("occupied").asBoolean(false),
        optionalInt(json.get("user_count")),
        optionalInt(json.get("subscription_count")),
        cached);
  }

  static List<PresenceUser> users(JsonNode json) {
    List<PresenceUser> users = new ArrayList<>();
    JsonNode node = json.get("users");
    if (node != null && node.isArray()) {
      for (JsonNode u : node) {
        JsonNode id = u.get("id");
        if (id != null && !id.isNull()) {
          users.add(new PresenceUser(id.asText()));
        }
      }
    }
    return List.copyOf(users);
  }

  static NotifyResult notify(JsonNode json) {
    return new NotifyResult(json.path("number_of_subscribers").asInt(0));
  }

  private static Map<String, ChannelAttributes> attributesByChannel(@Nullable JsonNode node) {
    if (node == null || !node.isObject()) {
      return Map.of();
    }
    Map<String, ChannelAttributes> channels = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      channels.put(e.getKey(), attributes(e.getValue()));
    }
    return channels;
  }

  static ChannelAttributes attributes(@Nullable JsonNode node) {
    if (node == null || !node.isObject()) {
      return ChannelAttributes.NONE;
    }
    return new ChannelAttributes(
        optionalInt(node.get("user_count")), optionalInt(node.get("subscription_count")));
  }

  static OptionalInt optionalInt(@Nullable JsonNode node) {
    return node != null && node.canConvertToInt() && node.isNumber()
        ? OptionalInt.of(node.intValue())
        : OptionalInt.empty();
  }
}
