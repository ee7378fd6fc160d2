package io.channels4j.webhook;

import java.util.Objects;

/**
 * A user left a presence channel (their last connection to it; sent up to 3 s late). The webhook
 * never carries the member's user info.
 *
 * @param channel the presence channel
 * @param userId the member's user id
 */
public record MemberRemoved(String channel, String userId) implements WebhookEvent {
  /** The name on the wire. */
  public static final String NAME = "member_removed";

  /** Rejects nulls. */
  public MemberRemoved {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(userId, "userId");
  }

  /** Returns {@value #NAME}. */
  @Override
  public String name() {
    return NAME;
  }
}
