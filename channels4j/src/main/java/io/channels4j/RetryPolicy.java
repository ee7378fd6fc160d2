package io.channels4j;

import java.time.Duration;

/**
 * When and how often a failed request is sent again. Every attempt is signed anew.
 *
 * <p>Only failures that cannot turn into a duplicate event are retried: a connection that failed
 * before the request left; 429, 502, 503 and 504 answers (honouring {@code Retry-After} up to
 * {@code maxBackoff}); and, for reads (GET) only, timeouts, broken connections and 500 answers.
 *
 * @param maxAttempts attempts in all, at least 1 (1 means no retry)
 * @param initialBackoff the wait before the second attempt
 * @param maxBackoff the longest wait between attempts
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
  private static final RetryPolicy DEFAULT =
      new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(2));
  private static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

  /** Checks the bounds. */
  public RetryPolicy {
    if (maxAttempts < 1 || maxAttempts > 10) {
      throw new ValidationException("maxAttempts must be 1 to 10, but is " + maxAttempts);
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new ValidationException(
          "backoff must satisfy 0 <= initialBackoff <= maxBackoff, but is "
              + initialBackoff
              + " and "
              + maxBackoff);
    }
  }

  /**
   * The default: 3 attempts, backoff from 100 ms doubling up to 2 s, with full jitter.
   *
   * @return the default policy
   */
  public static RetryPolicy defaults() {
    return DEFAULT;
  }

  /**
   * No retries.
   *
   * @return a policy of one attempt
   */
  public static RetryPolicy none() {
    return NONE;
  }

  /**
   * The wait before attempt {@code attempt + 1}, before jitter: {@code initialBackoff * 2^(attempt
   * - 1)}, capped at {@code maxBackoff}.
   *
   * @param attempt the attempt that just failed, from 1
   * @return the base delay
   */
  public Duration backoff(int attempt) {
    long base = initialBackoff.toMillis() << Math.min(20, attempt - 1);
    return Duration.ofMillis(Math.min(base, maxBackoff.toMillis()));
  }
}
