package io.channels4j;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how often a failed request is sent again. Every attempt is signed anew (fresh {@code
 * auth_timestamp}), and the number of attempts made is on every {@link PusherException} ({@link
 * PusherException#attempts()}).
 *
 * <p>By default ({@link Condition#safe()}) a POST, which publishes events, is sent again only when
 * the failure proves the server did not act on it: the request never left ({@link
 * TransportException#requestSent()} false: connection refused, connect or TLS handshake timed out),
 * or the server turned it away with 429 or 503. A 502 or 504, or a request sent without an answer
 * (read timeout, connection reset after the write), is reported instead: a gateway may have
 * forwarded it, and sending it again could publish the event twice. Reads (GET) are also retried on
 * those, and on 500. Applications that prefer a duplicate event to a lost one opt in with {@link
 * #atLeastOnce()}. See {@code docs/delivery.md}.
 *
 * <p>A {@code Retry-After} answer is waited for when it is at most {@code maxBackoff}; a longer one
 * is not retried at all (the exception carries it, see {@link ApiException#retryAfter()}).
 * Otherwise the wait is exponential with full jitter: a random time between zero and {@link
 * #backoff(int)}.
 *
 * @param maxAttempts attempts in all, 1 to 10 (1 means no retry)
 * @param initialBackoff the longest wait before the second attempt
 * @param maxBackoff the longest wait between attempts, and the longest {@code Retry-After} honoured
 * @param condition which failures are retried
 */
public record RetryPolicy(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, Condition condition) {
  private static final Condition SAFE =
      (method, failure) ->
          failure.isRetryable() || ("GET".equals(method) && mayHaveBeenActedOn(failure));
  private static final Condition AT_LEAST_ONCE =
      (method, failure) -> failure.isRetryable() || mayHaveBeenActedOn(failure);
  private static final RetryPolicy DEFAULT =
      new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(2));
  private static final RetryPolicy AT_LEAST_ONCE_POLICY = DEFAULT.withCondition(AT_LEAST_ONCE);
  private static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

  /** Checks the bounds. */
  public RetryPolicy {
    if (maxAttempts < 1 || maxAttempts > 10) {
      throw new ValidationException("maxAttempts must be 1 to 10, but is " + maxAttempts);
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(condition, "condition");
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new ValidationException(
          "backoff must satisfy 0 <= initialBackoff <= maxBackoff, but is "
              + initialBackoff
              + " and "
              + maxBackoff);
    }
    if (maxBackoff.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new ValidationException("maxBackoff must be at most 10 minutes, but is " + maxBackoff);
    }
  }

  /**
   * A policy that retries the {@linkplain Condition#safe() safe} failures.
   *
   * @param maxAttempts attempts in all, 1 to 10
   * @param initialBackoff the longest wait before the second attempt
   * @param maxBackoff the longest wait between attempts
   */
  public RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    this(maxAttempts, initialBackoff, maxBackoff, Condition.safe());
  }

  /**
   * The default: 3 attempts, backoff from 100 ms doubling up to 2 s, with full jitter, retrying the
   * {@linkplain Condition#safe() safe} failures.
   *
   * @return the default policy
   */
  public static RetryPolicy defaults() {
    return DEFAULT;
  }

  /**
   * The default's attempts and backoff, retrying POST requests like reads: also on 500, 502 and 504
   * answers and when the request was sent but no answer came (read timeout, reset). For
   * applications that prefer a duplicate event to a lost one: a trigger whose first attempt was
   * published but whose answer was lost is published again. Equal to {@code
   * defaults().withCondition(Condition.atLeastOnce())}.
   *
   * @return the at-least-once policy
   */
  public static RetryPolicy atLeastOnce() {
    return AT_LEAST_ONCE_POLICY;
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
   * Returns this policy retrying the failures {@code condition} accepts instead.
   *
   * @param condition which failures to retry
   * @return a new policy
   */
  public RetryPolicy withCondition(Condition condition) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, condition);
  }

  /**
   * The longest wait before attempt {@code attempt + 1}: {@code initialBackoff * 2^(attempt - 1)},
   * capped at {@code maxBackoff}. The actual wait is a random time between zero and this.
   *
   * @param attempt the attempt that just failed, from 1
   * @return the base delay
   */
  public Duration backoff(int attempt) {
    long base = initialBackoff.toMillis() << Math.min(20, Math.max(0, attempt - 1));
    return Duration.ofMillis(Math.min(base, maxBackoff.toMillis()));
  }

  /** Decides whether a failed attempt may be sent again. */
  @FunctionalInterface
  public interface Condition {

    /**
     * Decides about one failure. Called only while attempts remain.
     *
     * @param method the request's method, {@code GET} or {@code POST}
     * @param failure what went wrong: an {@link ApiException} (the server answered), a {@link
     *     TransportException} (no answer; {@link TransportException#requestSent()} tells whether
     *     the server may have received it) or a {@link RequestTimeoutException}
     * @return true to send the request again
     */
    boolean shouldRetry(String method, PusherException failure);

    /**
     * The default: retries only what cannot cause a duplicate event. Any request whose failure
     * {@link PusherException#isRetryable() is retryable} (never sent; or answered 429 or 503); and
     * GET requests also on any other transport failure (a read timeout, a reset) and on 500, 502
     * and 504.
     *
     * @return the default condition
     */
    static Condition safe() {
      return SAFE;
    }

    /**
     * At least once: retries every request, POST included, on what {@link #safe()} retries for a
     * GET. A POST whose answer was lost (502, 504, read timeout, reset after the write) is sent
     * again and may publish its events twice; choose this only when a duplicate is better than a
     * loss for the application.
     *
     * @return the at-least-once condition
     */
    static Condition atLeastOnce() {
      return AT_LEAST_ONCE;
    }
  }

  /** A failure after which the server may or may not have acted on the request. */
  private static boolean mayHaveBeenActedOn(PusherException failure) {
    if (failure instanceof ApiException api) {
      return api.status() == 500 || api.status() == 502 || api.status() == 504;
    }
    return failure instanceof TransportException t && t.requestSent();
  }
}
