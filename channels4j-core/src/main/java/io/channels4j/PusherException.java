package io.channels4j;

import org.jspecify.annotations.Nullable;

/**
 * The root of every error channels4j reports about a call: the server refused it, the network
 * failed, or a webhook was not genuine. Unchecked, like the errors of most HTTP clients.
 *
 * <p>Invalid input is reported before any request with {@link ValidationException}, an {@link
 * IllegalArgumentException}, instead.
 */
public class PusherException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int attempts;

  /**
   * Creates an exception.
   *
   * @param message what went wrong; never contains the app secret
   * @param cause the underlying error, if any
   * @param attempts how many times the request was sent (0 when it never left)
   */
  public PusherException(String message, @Nullable Throwable cause, int attempts) {
    super(message, cause);
    this.attempts = attempts;
  }

  /**
   * Creates an exception that was not caused by a request.
   *
   * @param message what went wrong; never contains the app secret
   */
  public PusherException(String message) {
    this(message, null, 0);
  }

  /**
   * Returns how many attempts were made before giving up; more than 1 means the retry policy
   * retried.
   *
   * @return the number of attempts, 0 when no request was made
   */
  public int attempts() {
    return attempts;
  }

  /**
   * Returns whether sending the same request again could succeed without risking a duplicate event.
   *
   * @return true when a retry is safe and may help
   */
  public boolean isRetryable() {
    return false;
  }
}
