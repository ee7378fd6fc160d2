package io.channels4j.internal.protocol;

/**
 * The kinds of channel, told apart by the prefix of the name. The order of the checks matters:
 * {@code private-encrypted-} is also a {@code private-} prefix.
 */
public enum ChannelKind {
  /** Anyone may subscribe; no prefix. */
  PUBLIC(""),
  /** Needs an authorization from the app's server. */
  PRIVATE(ChannelNames.PRIVATE_PREFIX),
  /** Private, and end-to-end encrypted with a per-channel key from the app's master key. */
  PRIVATE_ENCRYPTED(ChannelNames.PRIVATE_ENCRYPTED_PREFIX),
  /** Private, and tracks who is subscribed: authorized with a member's id and info. */
  PRESENCE(ChannelNames.PRESENCE_PREFIX),
  /** The channel a server-to-user event is sent on: the prefix, then the user id. */
  SERVER_TO_USER(ChannelNames.SERVER_TO_USER_PREFIX);

  private final String prefix;

  ChannelKind(String prefix) {
    this.prefix = prefix;
  }

  /**
   * The name prefix of this kind, empty for {@link #PUBLIC}.
   *
   * @return e.g. {@code presence-}
   */
  public String prefix() {
    return prefix;
  }

  /**
   * Whether a channel is of this kind. Unlike a plain {@code startsWith}, {@code PRIVATE} does not
   * match {@code private-encrypted-} channels.
   *
   * @param channel the channel name
   * @return true when {@link #of(String)} returns this kind
   */
  public boolean matches(String channel) {
    return of(channel) == this;
  }

  /**
   * The kind of a channel; the name is not checked against the charset (see {@link
   * ChannelNames#firstInvalidChar}).
   *
   * @param channel the channel name
   * @return its kind, {@link #PUBLIC} for any name without a known prefix
   */
  public static ChannelKind of(String channel) {
    if (channel.startsWith(ChannelNames.PRIVATE_PREFIX)) {
      return channel.startsWith(ChannelNames.PRIVATE_ENCRYPTED_PREFIX)
          ? PRIVATE_ENCRYPTED
          : PRIVATE;
    }
    if (channel.startsWith(ChannelNames.PRESENCE_PREFIX)) {
      return PRESENCE;
    }
    if (channel.startsWith(ChannelNames.SERVER_TO_USER_PREFIX)) {
      return SERVER_TO_USER;
    }
    return PUBLIC;
  }
}
