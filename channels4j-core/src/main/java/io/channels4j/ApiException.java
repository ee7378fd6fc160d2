package io.channels4j;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The server answered, and the answer was an error: a non-2xx status, or a 2xx whose body is an
 * error object such as soketi's {@code {"error":"…","code":401}}.
 */
public final class ApiException extends PusherException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String body;
  private final transient @Nullable Duration retryAfter;

  /**
   * Creates an API error.
   *
   * @param message a one-line summary
   * @param status the HTTP status, or the {@code code} of an error body sent with a 2xx status
   * @param body the response body as text (may be empty)
   * @param retryAfter the server's {@code Retry-After}, if it sent one
   * @param attempts how many attempts were made
   */
  public ApiException(
      String message, int status, String body, @Nullable Duration retryAfter, int attempts) {
    super(message, null, attempts);
    this.status = status;
    this.body = body;
    this.retryAfter = retryAfter;
  }

  /**
   * Returns the status of the error.
   *
   * @return the HTTP status, or the error body's {@code code} when the server sent a 2xx status
   */
  public int status() {
    return status;
  }

  /**
   * Returns the response body.
   *
   * @return the body as text, possibly empty
   */
  public String body() {
    return body;
  }

  /**
   * Returns how long the server asked the client to wait.
   *
   * @return the {@code Retry-After} delay, if the server sent one
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /**
   * Only 429 (Too Many Requests) and 503 (Service Unavailable) are retryable: both say the request
   * was turned away, so sending it again cannot duplicate an event. A 502 or 504 is not: a gateway
   * may have forwarded the request and lost only the answer (see {@link
   * RetryPolicy.Condition#atLeastOnce()} to retry those anyway).
   */
  @Override
  public boolean isRetryable() {
    return status == 429 || status == 503;
  }
}
