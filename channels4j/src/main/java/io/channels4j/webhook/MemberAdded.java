package io.channels4j.webhook;

import java.util.Objects;

/**
 * A user joined a presence channel (their first connection to it). The webhook never carries the
 * member's user info.
 *
 * @param channel the presence channel
 * @param userId the member's user id
 */
public record MemberAdded(String channel, String userId) implements WebhookEvent {
  /** The name on the wire. */
  public static final String NAME = "member_added";

  /** Rejects nulls. */
  public MemberAdded {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(userId, "userId");
  }

  /** Returns {@value #NAME}. */
  @Override
  public String name() {
    return NAME;
  }
}
