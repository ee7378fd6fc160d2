package io.channels4j.testkit.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channels4j.internal.protocol.ChannelKind;
import io.channels4j.internal.protocol.ChannelNames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The channel queries: {@code GET /apps/ID/channels}, {@code /channels/NAME}, {@code /users}. */
final class ChannelEndpoints {
  private final ServiceLimits limits;
  private final ServerState state;
  private final Clock clock;

  ChannelEndpoints(ServiceLimits limits, ServerState state, Clock clock) {
    this.limits = limits;
    this.state = state;
    this.clock = clock;
  }

  Reply list(Map<String, String> query) {
    String prefix = query.getOrDefault("filter_by_prefix", "");
    Set<String> info = ChannelInfo.parse(query.get("info"), ChannelInfo.CHANNELS);
    if (info.contains("user_count") && !ChannelKind.PRESENCE.matches(prefix)) {
      throw new Refusal(
          400,
          "info=user_count may only be requested for presence channels:"
              + " add filter_by_prefix="
              + ChannelNames.PRESENCE_PREFIX);
    }
    ObjectNode answer = Json.MAPPER.createObjectNode();
    ObjectNode channels = answer.putObject("channels");
    state
        .occupied()
        .forEach(
            (name, view) -> {
              if (name.startsWith(prefix)) {
                channels.set(name, ChannelInfo.attributes(state, name, info));
              }
            });
    return Reply.json(answer);
  }

  Reply one(String name, Map<String, String> query) {
    limits.checkChannel(name, false);
    Set<String> info = ChannelInfo.parse(query.get("info"), ChannelInfo.CHANNEL);
    if (info.contains("user_count") && !ChannelKind.PRESENCE.matches(name)) {
      throw new Refusal(
          400, "Cannot retrieve the user count unless the channel is a presence channel");
    }
    ServerState.View view = state.view(name);
    ObjectNode answer = Json.MAPPER.createObjectNode();
    answer.put("occupied", view.occupied());
    if (info.contains("user_count")) {
      answer.put("user_count", view.members().size());
    }
    if (info.contains("subscription_count")) {
      answer.put("subscription_count", view.subscriptionCount());
    }
    if (info.contains("cache")) {
      Instant now = clock.instant();
      Optional<ServerState.Cached> cached = state.cached(name, now);
      if (cached.isPresent()) {
        ObjectNode cache = answer.putObject("cache");
        cache.put("data", cached.get().data());
        long age = Duration.between(cached.get().at(), now).toSeconds();
        cache.put("ttl", Math.max(0, ServerState.CACHE_TTL.toSeconds() - age));
      } else {
        answer.putNull("cache");
      }
    }
    return Reply.json(answer);
  }

  Reply users(String name) {
    limits.checkChannel(name, false);
    if (!ChannelKind.PRESENCE.matches(name)) {
      throw new Refusal(
          400, "Cannot retrieve the user list unless the channel is a presence channel");
    }
    ObjectNode answer = Json.MAPPER.createObjectNode();
    ArrayNode users = answer.putArray("users");
    state.view(name).members().forEach(id -> users.addObject().put("id", id));
    return Reply.json(answer);
  }
}
