package io.channels4j.auth;

import io.channels4j.internal.Validate;
import io.channels4j.internal.protocol.ChannelKind;
import io.channels4j.internal.protocol.QueryString;

/**
 * What a Pusher client asks its channel auth endpoint: a socket id and a channel. Read it from the
 * posted form to decide whether the signed-in user may join the channel, and whether it is a
 * presence channel, before authorizing.
 *
 * <pre>{@code
 * ChannelAuthRequest request = ChannelAuthRequest.fromForm(body);
 * if (!mayJoin(user, request.channelName())) { return forbidden(); }
 * ChannelAuthorization auth = request.isPresence()
 *     ? pusher.authorizeChannel(request.socketId(), request.channelName(), member)
 *     : pusher.authorizeChannel(request.socketId(), request.channelName());
 * }</pre>
 *
 * @param socketId the connection's socket id: digits, a dot and digits
 * @param channelName the channel: 1 to 200 characters from {@code [A-Za-z0-9_\-=@,.;]}, not only
 *     dots
 */
public record ChannelAuthRequest(String socketId, String channelName) {

  /** Checks both values. */
  public ChannelAuthRequest {
    Validate.socketId("socket_id", socketId);
    Validate.channel("channel_name", channelName);
  }

  /**
   * Reads the {@code application/x-www-form-urlencoded} body a Pusher client posts ({@code
   * socket_id=…&channel_name=…}); other fields are ignored.
   *
   * @param formBody the raw body
   * @return the request
   * @throws io.channels4j.ValidationException when a field is missing, repeated or malformed
   */
  public static ChannelAuthRequest fromForm(String formBody) {
    String[] fields = QueryString.fields(formBody, "socket_id", "channel_name");
    return new ChannelAuthRequest(fields[0], fields[1]);
  }

  /**
   * Returns whether the channel is a presence channel, which needs a {@link PresenceMember}.
   *
   * @return true for {@code presence-} channels
   */
  public boolean isPresence() {
    return ChannelKind.PRESENCE.matches(channelName);
  }
}
