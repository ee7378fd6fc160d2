package io.channels4j.internal;

import io.channels4j.ValidationException;
import io.channels4j.internal.protocol.ChannelNames;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The API's input rules. Every message names the field, the rule and the offending size. */
public final class Validate {
  /** Longest channel name the API accepts. */
  public static final int MAX_CHANNEL_NAME_LENGTH = ChannelNames.MAX_LENGTH;

  /** Most channels one trigger may name. */
  public static final int MAX_CHANNELS_PER_TRIGGER = 100;

  /** Longest event name. */
  public static final int MAX_EVENT_NAME_LENGTH = 200;

  /** Most events in one batch. */
  public static final int MAX_BATCH_EVENTS = 10;

  /** Longest user id. */
  public static final int MAX_USER_ID_LENGTH = 200;

  private static final Set<String> RESERVED_QUERY_KEYS =
      Set.of("auth_key", "auth_timestamp", "auth_version", "auth_signature", "body_md5");

  private Validate() {}

  /**
   * Checks a channel name: 1..200 characters from {@code [A-Za-z0-9_\-=@,.;]}, not only dots.
   *
   * @param field the argument's name, for the message
   * @param channel the name
   * @return the name
   */
  public static String channel(String field, String channel) {
    channelPrefix(field, channel);
    notOnlyDots(field, channel);
    return channel;
  }

  /**
   * Checks a channel-name prefix (a filter sent in the query, never a path segment): 1..200
   * characters from the channel-name charset, dots alone allowed.
   *
   * @param field the argument's name, for the message
   * @param channel the prefix
   * @return the prefix
   */
  public static String channelPrefix(String field, String channel) {
    if (channel == null) {
      throw new ValidationException(field + " must not be null");
    }
    int length = channel.length();
    if (length == 0 || length > MAX_CHANNEL_NAME_LENGTH) {
      throw new ValidationException(
          field
              + " must be 1 to "
              + MAX_CHANNEL_NAME_LENGTH
              + " characters long, but has "
              + length);
    }
    requireCharset(field, channel);
    return channel;
  }

  /**
   * Checks the channel list of a trigger.
   *
   * @param channels the names
   */
  public static void channels(Collection<String> channels) {
    if (channels == null || channels.isEmpty()) {
      throw new ValidationException("channels must name at least 1 channel, but has 0");
    }
    if (channels.size() > MAX_CHANNELS_PER_TRIGGER) {
      throw new ValidationException(
          "channels may name at most "
              + MAX_CHANNELS_PER_TRIGGER
              + " channels per trigger, but has "
              + channels.size());
    }
    int i = 0;
    for (String channel : channels) {
      // The field name is built only for the message of an invalid channel.
      if (channel == null
          || channel.isEmpty()
          || channel.length() > MAX_CHANNEL_NAME_LENGTH
          || firstOutsideCharset(channel) >= 0
          || onlyDots(channel)) {
        channel("channels[" + i + "]", channel);
      }
      i++;
    }
  }

  /**
   * Checks an event name: 1..200 characters.
   *
   * @param field the argument's name
   * @param event the name
   * @return the name
   */
  public static String eventName(String field, String event) {
    if (event == null) {
      throw new ValidationException(field + " must not be null");
    }
    if (event.isEmpty() || event.length() > MAX_EVENT_NAME_LENGTH) {
      throw new ValidationException(
          field
              + " must be 1 to "
              + MAX_EVENT_NAME_LENGTH
              + " characters long, but has "
              + event.length());
    }
    return event;
  }

  /**
   * Checks the size of an event's data, in UTF-8 bytes.
   *
   * @param field the argument's name
   * @param data the encoded data
   * @param maxBytes the limit
   * @return the data
   */
  public static String data(String field, String data, int maxBytes) {
    if (data.isEmpty()) {
      throw new ValidationException(field + " must not be empty (servers refuse an empty data)");
    }
    // Cheap bound first: a string never takes more than 3 UTF-8 bytes per char.
    if ((long) data.length() * 3 > maxBytes) {
      long bytes = utf8Length(data);
      if (bytes > maxBytes) {
        throw new ValidationException(
            field + " must be at most " + maxBytes + " bytes as UTF-8, but has " + bytes);
      }
    }
    return data;
  }

  /**
   * Checks a socket id: digits, a dot, digits.
   *
   * @param field the argument's name
   * @param socketId the id
   * @return the id
   */
  public static String socketId(String field, String socketId) {
    if (socketId == null) {
      throw new ValidationException(field + " must not be null");
    }
    int dot = -1;
    boolean ok = !socketId.isEmpty() && socketId.length() <= 64;
    for (int i = 0; ok && i < socketId.length(); i++) {
      char c = socketId.charAt(i);
      if (c == '.' && dot < 0) {
        dot = i;
      } else if (c < '0' || c > '9') {
        ok = false;
      }
    }
    if (!ok || dot <= 0 || dot == socketId.length() - 1) {
      throw new ValidationException(
          field
              + " must be digits, a dot and digits (like 1234.5678), but is "
              + quoteForMessage(socketId));
    }
    return socketId;
  }

  /**
   * Checks a user id: 1..200 characters from the channel-name charset, not only dots.
   *
   * @param field the argument's name
   * @param userId the id
   * @param maxLength the longest id allowed
   * @return the id
   */
  public static String userId(String field, String userId, int maxLength) {
    if (userId == null) {
      throw new ValidationException(field + " must not be null");
    }
    if (userId.isEmpty() || userId.length() > maxLength) {
      throw new ValidationException(
          field + " must be 1 to " + maxLength + " characters long, but has " + userId.length());
    }
    requireCharset(field, userId);
    notOnlyDots(field, userId);
    return userId;
  }

  /**
   * Refuses a name made only of dots. Channel names, user ids and the app id become segments of the
   * signed request path, and a {@code .} or {@code ..} segment is resolved away by servers and
   * proxies (RFC 3986 §5.2.4): the request would reach another resource than the one signed.
   *
   * @param field the argument's name
   * @param value a value already checked for length and charset
   */
  public static void notOnlyDots(String field, String value) {
    if (onlyDots(value)) {
      throw new ValidationException(
          field
              + " must not be made only of dots (it would be a dot-segment of the request path,"
              + " which servers and proxies remove), but is "
              + (value.length() <= 10 ? "'" + value + "'" : value.length() + " dots"));
    }
  }

  private static boolean onlyDots(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) != '.') {
        return false;
      }
    }
    return !s.isEmpty();
  }

  /**
   * Checks extra query parameters: none may override the signature's own keys, and every name is
   * lower case, the only form every server signs the same way.
   *
   * @param params the parameters
   */
  public static void queryParams(Map<String, String> params) {
    for (Map.Entry<String, String> e : params.entrySet()) {
      if (e.getKey() == null || e.getKey().isEmpty()) {
        throw new ValidationException("query parameter names must not be empty");
      }
      if (RESERVED_QUERY_KEYS.contains(e.getKey().toLowerCase(Locale.ROOT))) {
        throw new ValidationException(
            "query parameter "
                + e.getKey()
                + " is set by the request signature and cannot be overridden");
      }
      if (!e.getKey().equals(e.getKey().toLowerCase(Locale.ROOT))) {
        throw new ValidationException(
            "query parameter "
                + e.getKey()
                + " must be lower case (Pusher signs names lower-cased, soketi as sent)");
      }
      if (e.getValue() == null) {
        throw new ValidationException("query parameter " + e.getKey() + " must not be null");
      }
    }
  }

  // ------------------------------------------------------------------------- client settings

  /**
   * A host and the port it named, if any.
   *
   * @param host the host name or address
   * @param port the port, or 0 when the text named none
   */
  public record HostPort(String host, int port) {}

  /**
   * Checks an app id: 1 to 200 ASCII letters, digits and {@code -_.}; it becomes a path segment.
   *
   * @param appId the app id
   * @return the app id
   */
  public static String appId(String appId) {
    Objects.requireNonNull(appId, "appId");
    if (appId.isEmpty() || appId.length() > 200) {
      throw new ValidationException(
          "appId must be 1 to 200 characters long, but has " + appId.length());
    }
    for (int i = 0; i < appId.length(); i++) {
      char c = appId.charAt(i);
      if (!(Character.isLetterOrDigit(c) && c < 0x80) && c != '-' && c != '_' && c != '.') {
        throw new ValidationException(
            "appId may contain only letters, digits and -_. but has a character at index " + i);
      }
    }
    notOnlyDots("appId", appId);
    return appId;
  }

  /**
   * Checks a cluster name: ASCII letters, digits and {@code -}; it becomes part of a host name.
   *
   * @param cluster e.g. {@code eu}
   * @return the cluster
   */
  public static String cluster(String cluster) {
    text("cluster", cluster);
    for (int i = 0; i < cluster.length(); i++) {
      char c = cluster.charAt(i);
      if (!(Character.isLetterOrDigit(c) && c < 0x80) && c != '-') {
        throw new ValidationException(
            "cluster may contain only letters, digits and - but has a character at index " + i);
      }
    }
    return cluster;
  }

  /**
   * Checks an API host, {@code host} or {@code host:port}, without scheme, credentials or path.
   *
   * @param host the text
   * @return the host and its port (0 when none was given)
   */
  public static HostPort host(String host) {
    checkHost("host", host);
    int colon = host.lastIndexOf(':');
    // One colon is a port; several are an IPv6 address without one.
    if (colon > 0 && host.indexOf(':') == colon) {
      return new HostPort(host.substring(0, colon), parsePort("host", host.substring(colon + 1)));
    }
    return new HostPort(host, 0);
  }

  /**
   * Checks the push notification host: {@code host} or {@code host:port}.
   *
   * @param host the text
   * @return the text
   */
  public static String pushNotificationHost(String host) {
    checkHost("pushNotificationHost", host);
    int colon = host.lastIndexOf(':');
    if (colon > 0 && host.indexOf(':') == colon) {
      parsePort("pushNotificationHost", host.substring(colon + 1));
    }
    return host;
  }

  /**
   * Refuses a host that carries a scheme, user info, path, query or fragment. A value with user
   * info is often a whole {@code https://KEY:SECRET@HOST} URL: the message shows it with everything
   * before the last {@code @} hidden, so the secret never appears.
   */
  private static void checkHost(String field, String host) {
    text(field, host);
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c == '/' || c == '@' || c == '?' || c == '#' || c <= ' ' || c == 0x7f) {
        throw new ValidationException(
            field
                + " must be a host name or host:port without scheme, user info or path, but is "
                + withoutUserInfo(host));
      }
    }
  }

  private static String withoutUserInfo(String value) {
    int at = value.lastIndexOf('@');
    if (at < 0) {
      return "'" + value + "'";
    }
    int scheme = value.indexOf("://");
    String prefix = scheme >= 0 && scheme < at ? value.substring(0, scheme + 3) : "";
    return "'" + prefix + "…@" + value.substring(at + 1) + "'";
  }

  /** Parses the port of a host:port; text that is not a number is not repeated (a secret?). */
  private static int parsePort(String field, String text) {
    boolean digits = !text.isEmpty() && text.length() <= 9;
    for (int i = 0; digits && i < text.length(); i++) {
      digits = text.charAt(i) >= '0' && text.charAt(i) <= '9';
    }
    if (!digits) {
      throw new ValidationException(
          field
              + " must be host or host:port with a port of 1 to 65535, but the "
              + text.length()
              + " characters after ':' are not a number");
    }
    int port = Integer.parseInt(text);
    if (port < 1 || port > 65535) {
      throw new ValidationException(
          field + " must be host or host:port with a port of 1 to 65535, but the port is " + port);
    }
    return port;
  }

  /**
   * Checks a TCP port.
   *
   * @param port the port
   * @return the port
   */
  public static int port(int port) {
    return intRange("port", port, 1, 65535);
  }

  /**
   * Checks an int setting against its range, both ends included.
   *
   * @param field the setting's name
   * @param value the value
   * @param min the least allowed
   * @param max the most allowed
   * @return the value
   */
  public static int intRange(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new ValidationException(field + " must be " + min + " to " + max + ", but is " + value);
    }
    return value;
  }

  /**
   * Checks the budget of one attempt: at least 1 ms, at most 10 minutes.
   *
   * @param timeout the budget
   * @return the budget
   */
  public static Duration timeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isZero() || timeout.isNegative() || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new ValidationException(
          "timeout must be between 1 ms and 10 minutes, but is " + timeout);
    }
    return timeout;
  }

  /**
   * Checks that a duration setting is positive.
   *
   * @param field the setting's name
   * @param value the duration
   * @return the duration
   */
  public static Duration positive(String field, Duration value) {
    Objects.requireNonNull(value, field);
    if (value.isZero() || value.isNegative()) {
      throw new ValidationException(field + " must be positive, but is " + value);
    }
    return value;
  }

  /**
   * Checks that a text setting is present and not blank.
   *
   * @param field the setting's name
   * @param value the text
   * @return the text
   */
  public static String text(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new ValidationException(field + " must not be empty");
    }
    return value;
  }

  /**
   * Counts UTF-8 bytes without encoding.
   *
   * @param s the text
   * @return its UTF-8 length
   */
  static long utf8Length(String s) {
    long bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  private static int firstOutsideCharset(String s) {
    return ChannelNames.firstInvalidChar(s);
  }

  /** Refuses text with a character outside the channel charset, naming it and its index. */
  private static void requireCharset(String field, String value) {
    int bad = firstOutsideCharset(value);
    if (bad >= 0) {
      throw new ValidationException(
          field
              + " may contain only letters, digits and "
              + ChannelNames.PUNCTUATION
              + " but has "
              + describe(value.charAt(bad))
              + " at index "
              + bad);
    }
  }

  private static String describe(char c) {
    if (c >= 0x20 && c < 0x7f) {
      return "'" + c + "'";
    }
    return String.format(Locale.ROOT, "U+%04X", (int) c);
  }

  private static String quoteForMessage(String value) {
    StringBuilder sb = new StringBuilder("'");
    int shown = Math.min(value.length(), 40);
    for (int i = 0; i < shown; i++) {
      char c = value.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        sb.append(c);
      } else {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      }
    }
    if (value.length() > shown) {
      sb.append("…");
    }
    return sb.append("' (").append(value.length()).append(" characters)").toString();
  }
}
