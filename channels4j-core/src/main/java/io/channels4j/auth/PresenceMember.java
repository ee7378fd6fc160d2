package io.channels4j.auth;

import io.channels4j.ValidationException;
import io.channels4j.internal.JsonText;
import java.util.Objects;
import java.util.Optional;

/**
 * Who joins a presence channel: the {@code channel_data} of a presence authorization.
 *
 * <p>The user info must be JSON, and is signed byte for byte: a {@code Map} with string keys, a
 * list, a String, a number or a boolean is written by the client itself; anything else (a record, a
 * {@code JsonNode}) by the payload encoder ({@code channels4j-jackson3} or {@code
 * channels4j-jackson2} on the class path, or {@code Pusher.Builder.payloadEncoder}). Pusher refuses
 * user info larger than 1 KB and soketi larger than 2 KB.
 *
 * @param userId the user's id: 1 to 128 characters, unique on the channel
 * @param userInfo anything JSON-encodable the other members may see, if any
 */
public record PresenceMember(String userId, Optional<Object> userInfo) {
  /** The longest user id Pusher accepts on a presence channel. */
  public static final int MAX_USER_ID_LENGTH = 128;

  /** Checks the user id. */
  public PresenceMember {
    if (userId == null) {
      throw new ValidationException("userId must not be null");
    }
    if (userId.isEmpty() || userId.length() > MAX_USER_ID_LENGTH) {
      throw new ValidationException(
          "userId must be 1 to "
              + MAX_USER_ID_LENGTH
              + " characters long, but has "
              + userId.length());
    }
    int bad = JsonText.firstUnpairedSurrogate(userId);
    if (bad >= 0) {
      throw new ValidationException(
          "userId must be well-formed Unicode, but has an unpaired surrogate at index " + bad);
    }
    Objects.requireNonNull(userInfo, "userInfo");
  }

  /**
   * A member without user info.
   *
   * @param userId the user's id
   * @return the member
   */
  public static PresenceMember of(String userId) {
    return new PresenceMember(userId, Optional.empty());
  }

  /**
   * A member with user info.
   *
   * @param userId the user's id
   * @param userInfo the info, JSON-encodable
   * @return the member
   */
  public static PresenceMember of(String userId, Object userInfo) {
    return new PresenceMember(userId, Optional.of(Objects.requireNonNull(userInfo, "userInfo")));
  }
}
