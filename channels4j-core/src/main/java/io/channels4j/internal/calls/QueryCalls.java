package io.channels4j.internal.calls;

import io.channels4j.CallKind;
import io.channels4j.ChannelAttribute;
import io.channels4j.ChannelInfo;
import io.channels4j.ChannelsQuery;
import io.channels4j.ChannelsResult;
import io.channels4j.PresenceUser;
import io.channels4j.ValidationException;
import io.channels4j.internal.ApiCall;
import io.channels4j.internal.Json;
import io.channels4j.internal.Validate;
import io.channels4j.internal.protocol.ChannelKind;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The calls that read the state of channels: which are occupied, one channel, its users. */
public final class QueryCalls {
  private final AppEndpoint app;

  /**
   * Creates the query calls of one app.
   *
   * @param app where the calls go
   */
  public QueryCalls(AppEndpoint app) {
    this.app = app;
  }

  /**
   * Lists occupied channels.
   *
   * @param query which channels
   * @return the call
   */
  public ApiCall<ChannelsResult> channels(ChannelsQuery query) {
    Objects.requireNonNull(query, "query");
    Map<String, String> params = new HashMap<>(query.extraParams());
    query
        .prefix()
        .ifPresent(
            p ->
                params.put(
                    "filter_by_prefix", p.isEmpty() ? p : Validate.channelPrefix("prefix", p)));
    if (query.withUserCount()) {
      params.put("info", ChannelAttribute.USER_COUNT.wireName());
    }
    return app.get(CallKind.CHANNELS, "/channels", params, Responses::channels);
  }

  /**
   * Reads the state of one channel.
   *
   * @param channel the channel
   * @param info attributes to ask for; {@code user_count} only on presence channels
   * @return the call
   */
  public ApiCall<ChannelInfo> channel(String channel, ChannelAttribute... info) {
    Validate.channel("channel", channel);
    Set<ChannelAttribute> attrs = EnumSet.noneOf(ChannelAttribute.class);
    for (ChannelAttribute a : info) {
      attrs.add(Objects.requireNonNull(a, "info"));
    }
    if (attrs.contains(ChannelAttribute.USER_COUNT) && !ChannelKind.PRESENCE.matches(channel)) {
      throw new ValidationException(
          "info user_count is only available on presence- channels, but the channel is " + channel);
    }
    Map<String, String> params = attrs.isEmpty() ? Map.of() : Map.of("info", Json.infoParam(attrs));
    return app.get(CallKind.CHANNEL, "/channels/" + channel, params, Responses::channel);
  }

  /**
   * Lists the users on a presence channel.
   *
   * @param presenceChannel a {@code presence-} channel
   * @return the call
   */
  public ApiCall<List<PresenceUser>> users(String presenceChannel) {
    Validate.channel("presenceChannel", presenceChannel);
    if (!ChannelKind.PRESENCE.matches(presenceChannel)) {
      throw new ValidationException(
          "presenceChannel must start with presence-, but is " + presenceChannel);
    }
    return app.get(
        CallKind.USERS, "/channels/" + presenceChannel + "/users", Map.of(), Responses::users);
  }
}
