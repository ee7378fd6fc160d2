package io.channels4j;

import java.util.Objects;

/**
 * A user on a presence channel.
 *
 * @param id the user id
 */
public record PresenceUser(String id) {
  /** Rejects null. */
  public PresenceUser {
    Objects.requireNonNull(id, "id");
  }
}
