package io.channels4j.testkit.internal;

/**
 * The testkit's one home for channel-name rules: the charset and the prefixes that give a channel
 * its kind. Core is getting a shared home for these (issue 12); when it lands, this class is
 * swapped for it.
 */
public final class ChannelNames {
  /** The prefix of a presence channel. */
  public static final String PRESENCE_PREFIX = "presence-";

  /** The channel a send-to-user call is recorded on, followed by the user id. */
  public static final String SERVER_TO_USER_PREFIX = "#server-to-user-";

  private ChannelNames() {}

  /**
   * Tells whether every character is one the service allows in channel names and user ids: {@code
   * A-Z a-z 0-9 _ - = @ , . ;}.
   *
   * @param s the name
   * @return true when every character is allowed (true for the empty string)
   */
  public static boolean inCharset(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "_-=@,.;".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * Tells whether a channel is a presence channel.
   *
   * @param channel the channel
   * @return true for a {@code presence-} channel
   */
  public static boolean isPresence(String channel) {
    return channel.startsWith(PRESENCE_PREFIX);
  }

  /**
   * Tells whether a channel keeps its last event (a cache channel of any kind).
   *
   * @param channel the channel
   * @return true for {@code cache-}, {@code private-cache-}, {@code presence-cache-} and {@code
   *     private-encrypted-cache-} channels
   */
  public static boolean isCache(String channel) {
    return channel.startsWith("cache-")
        || channel.startsWith("private-cache-")
        || channel.startsWith("presence-cache-")
        || channel.startsWith("private-encrypted-cache-");
  }
}
