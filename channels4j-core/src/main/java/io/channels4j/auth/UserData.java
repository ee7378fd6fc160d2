package io.channels4j.auth;

import io.channels4j.ValidationException;
import io.channels4j.internal.Validate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who signs in: the {@code user_data} of a user authentication.
 *
 * <p>The user info is written like {@link PresenceMember}'s.
 *
 * @param id the user's id: 1 to 200 characters from {@code [A-Za-z0-9_\-=@,.;]}, not only dots, the
 *     same rule as {@link io.channels4j.Pusher#sendToUser} applies, so that the user can be reached
 * @param userInfo anything JSON-encodable, shared with presence channels, if any
 * @param watchlist ids of users whose online status this user may watch (Pusher allows 100 by
 *     default); empty for none
 */
public record UserData(String id, Optional<Object> userInfo, List<String> watchlist) {

  /** Checks the ids and copies the watchlist. */
  public UserData {
    Validate.userId("id", id, Validate.MAX_USER_ID_LENGTH);
    Objects.requireNonNull(userInfo, "userInfo");
    if (watchlist == null) {
      throw new ValidationException("watchlist must not be null");
    }
    for (int i = 0; i < watchlist.size(); i++) {
      Validate.userId("watchlist[" + i + "]", watchlist.get(i), Validate.MAX_USER_ID_LENGTH);
    }
    watchlist = List.copyOf(watchlist);
  }

  /**
   * A user with only an id.
   *
   * @param id the user's id
   * @return the user data
   */
  public static UserData of(String id) {
    return new UserData(id, Optional.empty(), List.of());
  }

  /**
   * Returns a copy with user info.
   *
   * @param userInfo the info, JSON-encodable
   * @return the new user data
   */
  public UserData withUserInfo(Object userInfo) {
    return new UserData(id, Optional.of(Objects.requireNonNull(userInfo, "userInfo")), watchlist);
  }

  /**
   * Returns a copy with a watchlist.
   *
   * @param watchlist the user ids to watch
   * @return the new user data
   */
  public UserData withWatchlist(List<String> watchlist) {
    return new UserData(id, userInfo, watchlist);
  }
}
