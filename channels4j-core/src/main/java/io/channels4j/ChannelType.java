package io.channels4j;

import io.channels4j.internal.protocol.ChannelKind;

/**
 * The type of a channel, which Pusher tells from the prefix of its name. An auth endpoint uses it
 * to choose the call: {@link Pusher#authorizeChannel(String, String)} for {@link #PRIVATE} and
 * {@link #PRIVATE_ENCRYPTED}, the overload with a {@link io.channels4j.auth.PresenceMember} for
 * {@link #PRESENCE}, and a refusal for the others, which need no authorization.
 *
 * <pre>{@code
 * ChannelType type = ChannelType.of(channel);
 * if (!type.requiresAuthorization()) { return badRequest(); }
 * ChannelAuthorization auth = type == ChannelType.PRESENCE
 *     ? pusher.authorizeChannel(socketId, channel, member)
 *     : pusher.authorizeChannel(socketId, channel);
 * }</pre>
 *
 * <p>Cache channels ({@code cache-}, {@code private-cache-}, {@code presence-cache-}…) are of the
 * type their prefix says: {@code private-cache-x} is {@link #PRIVATE}.
 */
public enum ChannelType {
  /** Anyone may subscribe: a name without any of the other prefixes. */
  PUBLIC(ChannelKind.PUBLIC),
  /** {@code private-}: subscribing needs an authorization from the app's server. */
  PRIVATE(ChannelKind.PRIVATE),
  /**
   * {@code private-encrypted-}: private, and end-to-end encrypted with a key derived per channel
   * from the app's master key (see {@link io.channels4j.spi.ChannelEncryption}).
   */
  PRIVATE_ENCRYPTED(ChannelKind.PRIVATE_ENCRYPTED),
  /** {@code presence-}: private, and authorized with a member's id and info. */
  PRESENCE(ChannelKind.PRESENCE),
  /**
   * {@code #server-to-user-}: the channel {@link Pusher#sendToUser} sends on, the prefix then the
   * user id. A client joins it by signing in ({@link Pusher#authenticateUser}), not through channel
   * authorization.
   */
  SERVER_TO_USER(ChannelKind.SERVER_TO_USER);

  private final ChannelKind kind;

  ChannelType(ChannelKind kind) {
    this.kind = kind;
  }

  /**
   * Returns the type of a channel from its prefix. Only the prefix is read: the rest of the name is
   * checked by the calls that take it ({@link Pusher#trigger}, {@link Pusher#authorizeChannel}…). A
   * name that merely contains a prefix further on, such as {@code orders-private-1}, is {@link
   * #PUBLIC}.
   *
   * @param channelName the channel's name
   * @return its type, {@link #PUBLIC} for a name without a known prefix
   * @throws ValidationException when the name is null
   */
  public static ChannelType of(String channelName) {
    if (channelName == null) {
      throw new ValidationException("channelName must not be null");
    }
    // Exhaustive: a new kind in the protocol rules does not compile until it has a type here.
    return switch (ChannelKind.of(channelName)) {
      case PUBLIC -> PUBLIC;
      case PRIVATE -> PRIVATE;
      case PRIVATE_ENCRYPTED -> PRIVATE_ENCRYPTED;
      case PRESENCE -> PRESENCE;
      case SERVER_TO_USER -> SERVER_TO_USER;
    };
  }

  /**
   * Returns the prefix that gives a name this type, for building names or a {@link
   * ChannelsQuery#withPrefix} filter.
   *
   * @return e.g. {@code presence-}; empty for {@link #PUBLIC}
   */
  public String prefix() {
    return kind.prefix();
  }

  /**
   * Returns whether a client must get an authorization from the app's server to subscribe: true for
   * {@link #PRIVATE}, {@link #PRIVATE_ENCRYPTED} and {@link #PRESENCE}, the channels {@link
   * Pusher#authorizeChannel} signs.
   *
   * @return true when an auth endpoint should authorize the channel
   */
  public boolean requiresAuthorization() {
    return this == PRIVATE || this == PRIVATE_ENCRYPTED || this == PRESENCE;
  }
}
