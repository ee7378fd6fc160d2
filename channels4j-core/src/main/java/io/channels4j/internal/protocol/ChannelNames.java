package io.channels4j.internal.protocol;

/**
 * The characters and length a channel name may have. User ids follow the same charset, because a
 * user id becomes part of a channel name ({@code #server-to-user-ID}).
 */
public final class ChannelNames {
  /** Prefix of {@link ChannelKind#PRIVATE} channels (and of the encrypted ones). */
  public static final String PRIVATE_PREFIX = "private-";

  /** Prefix of {@link ChannelKind#PRIVATE_ENCRYPTED} channels. */
  public static final String PRIVATE_ENCRYPTED_PREFIX = "private-encrypted-";

  /** Prefix of {@link ChannelKind#PRESENCE} channels. */
  public static final String PRESENCE_PREFIX = "presence-";

  /** Prefix of the channel a server-to-user event goes on; the user id follows. */
  public static final String SERVER_TO_USER_PREFIX = "#server-to-user-";

  /** Longest channel name the API accepts. */
  public static final int MAX_LENGTH = 200;

  /** The allowed characters besides ASCII letters and digits, as messages quote them. */
  public static final String PUNCTUATION = "_-=@,.;";

  private ChannelNames() {}

  /**
   * Whether a name is 1 to {@link #MAX_LENGTH} characters from {@code [A-Za-z0-9_\-=@,.;]}.
   *
   * @param name the channel name, may be null (then false)
   * @return true when every server accepts the name
   */
  public static boolean isValid(String name) {
    return name != null
        && !name.isEmpty()
        && name.length() <= MAX_LENGTH
        && firstInvalidChar(name) < 0;
  }

  /**
   * Finds the first character outside the channel charset {@code [A-Za-z0-9_\-=@,.;]}; the length
   * is not checked.
   *
   * @param name the name
   * @return its index, or -1 when every character is allowed
   */
  public static int firstInvalidChar(String name) {
    for (int i = 0; i < name.length(); i++) {
      if (!isAllowed(name.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether a cache channel (which keeps its last event for new subscribers): {@code cache-},
   * {@code private-cache-}, {@code private-encrypted-cache-} or {@code presence-cache-}.
   *
   * @param name the channel name
   * @return true for a cache channel of any kind
   */
  public static boolean isCache(String name) {
    ChannelKind kind = ChannelKind.of(name);
    return kind != ChannelKind.SERVER_TO_USER && name.startsWith("cache-", kind.prefix().length());
  }

  /** The allowed ASCII characters: a table, one load per character instead of ten comparisons. */
  private static final boolean[] ALLOWED = new boolean[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      ALLOWED[c] = true;
      ALLOWED[Character.toUpperCase(c)] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      ALLOWED[c] = true;
    }
    for (char c : PUNCTUATION.toCharArray()) {
      ALLOWED[c] = true;
    }
  }

  private static boolean isAllowed(char c) {
    return c < 128 && ALLOWED[c];
  }
}
