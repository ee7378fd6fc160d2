package io.channels4j.internal;

import io.channels4j.ApiException;
import io.channels4j.PusherException;
import io.channels4j.RetryPolicy;
import io.channels4j.spi.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a failed attempt is retried and after how long: the policy's condition first,
 * then the server's {@code Retry-After} if it asked (and not beyond the policy's longest backoff),
 * else a random wait up to the policy's backoff ("full jitter", so clients that failed together do
 * not retry together).
 */
final class RetryDelays {
  private final RetryPolicy policy;

  RetryDelays(RetryPolicy policy) {
    this.policy = policy;
  }

  /** The wait before the next attempt, or null when the failure must not be retried. */
  @Nullable Duration next(ApiCall<?> call, PusherException failure, int attempt) {
    if (attempt >= policy.maxAttempts()) {
      return null;
    }
    boolean retryable;
    try {
      retryable = policy.condition().shouldRetry(call.method(), failure);
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
      return null; // a broken condition must not hide the failure
    }
    if (!retryable) {
      return null;
    }
    if (failure instanceof ApiException api && api.retryAfter().isPresent()) {
      Duration asked = api.retryAfter().get();
      return asked.compareTo(policy.maxBackoff()) <= 0 ? asked : null;
    }
    long base = policy.backoff(attempt).toMillis();
    return Duration.ofMillis(base == 0 ? 0 : ThreadLocalRandom.current().nextLong(base + 1));
  }

  /**
   * The wait a {@code Retry-After} header asks for: seconds, or an HTTP date (a date in the past
   * means now).
   *
   * @return the wait, or null when there is no header or it cannot be read
   */
  static @Nullable Duration retryAfter(HttpResponse response, Clock clock) {
    Optional<String> value = response.header("retry-after");
    if (value.isEmpty()) {
      return null;
    }
    String v = value.get().trim();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(clock.instant(), at.toInstant());
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException ignored) {
        return null;
      }
    }
  }
}
