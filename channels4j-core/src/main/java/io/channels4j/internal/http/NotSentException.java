package io.channels4j.internal.http;

import java.net.ConnectException;

/**
 * The request certainly never reached the server in full: the connection could not be made, or it
 * failed before the last byte of the request was handed over. A {@link ConnectException}, which the
 * transport contract reserves for requests that never left, so callers may safely send it again.
 */
public final class NotSentException extends ConnectException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what happened, naming no secret
   * @param cause the failure, or null
   */
  public NotSentException(String message, Throwable cause) {
    super(message);
    if (cause != null) {
      initCause(cause);
    }
  }
}
