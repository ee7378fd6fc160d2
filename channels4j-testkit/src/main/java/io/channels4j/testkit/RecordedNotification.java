package io.channels4j.testkit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One push notification accepted on the legacy push endpoint.
 *
 * @param interests the interests
 * @param webhookUrl the {@code webhook_url}, if given
 * @param json the whole request body
 */
public record RecordedNotification(
    List<String> interests, Optional<String> webhookUrl, String json) {
  /** Copies the interests. */
  public RecordedNotification {
    interests = List.copyOf(interests);
    Objects.requireNonNull(webhookUrl, "webhookUrl");
    Objects.requireNonNull(json, "json");
  }
}
