package io.channels4j.spring.boot.web;

import io.channels4j.auth.PresenceMember;
import io.channels4j.auth.UserData;
import java.util.Optional;

/**
 * The application's decision of who may join which channel and sign in as whom, asked by the
 * starter's channel authorization and user authentication endpoints. Define one bean of this type;
 * without one, both endpoints deny every request. Each method denies by default, so implement only
 * what the application uses. The endpoints answer 403 to a denial. The channel endpoint asks only
 * about channels that {@linkplain io.channels4j.ChannelType#requiresAuthorization() require
 * authorization}: {@code presence-} ones of {@link #presenceMember}, the others of {@link
 * #maySubscribe}.
 */
public interface PusherAccessPolicy {

  /**
   * Decides whether the caller may subscribe to a {@code private-} or {@code private-encrypted-}
   * channel.
   *
   * @param request the request
   * @param channel the channel
   * @return true to allow
   */
  default boolean maySubscribe(PusherAuthRequest request, String channel) {
    return false;
  }

  /**
   * Decides who the caller joins a {@code presence-} channel as.
   *
   * @param request the request
   * @param channel the presence channel
   * @return the member (user id and optional info), or empty to deny
   */
  default Optional<PresenceMember> presenceMember(PusherAuthRequest request, String channel) {
    return Optional.empty();
  }

  /**
   * Decides who the caller signs in as (user authentication).
   *
   * @param request the request
   * @return the user, or empty to deny
   */
  default Optional<UserData> user(PusherAuthRequest request) {
    return Optional.empty();
  }
}
