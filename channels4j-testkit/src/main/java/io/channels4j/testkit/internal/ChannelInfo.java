package io.channels4j.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channels4j.internal.protocol.ChannelKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The {@code info} attributes a request may ask for, and a channel's answer to them. */
final class ChannelInfo {
  static final Set<String> TRIGGER = Set.of("user_count", "subscription_count");
  static final Set<String> CHANNELS = Set.of("user_count", "subscription_count");
  static final Set<String> CHANNEL = Set.of("user_count", "subscription_count", "cache");

  private ChannelInfo() {}

  /** Parses a comma-separated {@code info} value, refusing attributes not in {@code allowed}. */
  static Set<String> parse(String csv, Set<String> allowed) {
    if (csv == null || csv.isEmpty()) {
      return Set.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (String a : split(csv)) {
      if (!allowed.contains(a)) {
        throw new Refusal(400, "Invalid info attribute: " + a + " (allowed: " + allowed + ")");
      }
      out.add(a);
    }
    return out;
  }

  /** The attributes of a channel, from the seeded state. */
  static ObjectNode attributes(ServerState state, String channel, Set<String> info) {
    ObjectNode attrs = Json.MAPPER.createObjectNode();
    ServerState.View view = state.view(channel);
    if (info.contains("user_count") && ChannelKind.PRESENCE.matches(channel)) {
      attrs.put("user_count", view.members().size());
    }
    if (info.contains("subscription_count")) {
      attrs.put("subscription_count", view.subscriptionCount());
    }
    return attrs;
  }

  private static List<String> split(String csv) {
    List<String> out = new ArrayList<>();
    for (String s : csv.split(",")) {
      if (!s.isBlank()) {
        out.add(s.strip());
      }
    }
    return out;
  }
}
