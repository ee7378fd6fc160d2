package io.channels4j;

import org.jspecify.annotations.Nullable;

/**
 * The request did not get an answer: the connection failed, broke, or the answer could not be read.
 */
public class TransportException extends PusherException {
  private static final long serialVersionUID = 1L;

  private final boolean requestSent;

  /**
   * Creates a transport error.
   *
   * @param message a one-line summary
   * @param cause the I/O error
   * @param requestSent whether any byte of the request may have reached the server
   * @param attempts how many attempts were made
   */
  public TransportException(
      String message, @Nullable Throwable cause, boolean requestSent, int attempts) {
    super(message, cause, attempts);
    this.requestSent = requestSent;
  }

  /**
   * Returns whether the server may have received (and acted on) the request. When true, a trigger
   * may have been published even though the call failed: the default {@link RetryPolicy} does not
   * send a POST again after such a failure (a read timeout, a connection reset after the request
   * was written), so that no event is published twice; the caller decides.
   *
   * @return false only when the request certainly never left, e.g. the connection was refused or
   *     could not be made within the timeout, so sending it again cannot duplicate an event
   */
  public boolean requestSent() {
    return requestSent;
  }

  /** A request that never left can be sent again without risking a duplicate event. */
  @Override
  public boolean isRetryable() {
    return !requestSent;
  }
}
