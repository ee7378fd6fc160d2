package io.channels4j;

import org.jspecify.annotations.Nullable;

/** The whole request, or connecting, took longer than the configured timeout. */
public final class RequestTimeoutException extends TransportException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates a timeout error.
   *
   * @param message a one-line summary naming the timeout
   * @param cause the I/O error, if any
   * @param requestSent whether any byte of the request may have reached the server
   * @param attempts how many attempts were made
   */
  public RequestTimeoutException(
      String message, @Nullable Throwable cause, boolean requestSent, int attempts) {
    super(message, cause, requestSent, attempts);
  }
}
