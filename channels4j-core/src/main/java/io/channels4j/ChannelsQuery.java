package io.channels4j;

import io.channels4j.internal.Validate;
import io.channels4j.internal.protocol.ChannelKind;
import java.util.Map;
import java.util.Optional;

/**
 * Which occupied channels to list.
 *
 * @param prefix only channels whose name starts with this, if present
 * @param withUserCount whether to ask for each channel's user count (presence channels only: the
 *     prefix must start with {@code presence-})
 * @param extraParams further query parameters some servers understand; names must be lower case and
 *     must not be one of the signature's own ({@code auth_key}, {@code body_md5}, ...)
 */
public record ChannelsQuery(
    Optional<String> prefix, boolean withUserCount, Map<String, String> extraParams) {
  private static final ChannelsQuery ALL = new ChannelsQuery(Optional.empty(), false, Map.of());

  /** Checks the combination. */
  public ChannelsQuery {
    extraParams = Map.copyOf(extraParams);
    Validate.queryParams(extraParams);
    if (withUserCount && !prefix.map(ChannelKind.PRESENCE::matches).orElse(false)) {
      throw new ValidationException(
          "withUserCount needs a prefix starting with presence-, but the prefix is "
              + prefix.map(p -> "'" + p + "'").orElse("absent"));
    }
  }

  /**
   * Every occupied channel.
   *
   * @return the query
   */
  public static ChannelsQuery all() {
    return ALL;
  }

  /**
   * Occupied channels whose names start with a prefix.
   *
   * @param prefix the prefix, e.g. {@code presence-}
   * @return the query
   */
  public static ChannelsQuery withPrefix(String prefix) {
    return new ChannelsQuery(Optional.of(prefix), false, Map.of());
  }

  /**
   * Returns a copy that also asks for user counts.
   *
   * @return the query
   */
  public ChannelsQuery andUserCount() {
    return new ChannelsQuery(prefix, true, extraParams);
  }
}
