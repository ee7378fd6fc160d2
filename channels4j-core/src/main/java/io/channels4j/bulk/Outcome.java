package io.channels4j.bulk;

import io.channels4j.ApiException;
import io.channels4j.PusherException;
import io.channels4j.TransportException;
import io.channels4j.ValidationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What became of one item of a bulk run: the outcome of the request that carried it. */
public enum Outcome {
  /** The server accepted the request. */
  DELIVERED,
  /**
   * Surely not delivered: never sent, refused before any processing (any 4xx, including 429), or
   * answered 503. Sending it again cannot make a duplicate.
   */
  NOT_DELIVERED,
  /**
   * May have been delivered: the request was sent and no answer proves either way (a timeout after
   * sending, a broken connection, a 500/502/504). Sending it again may make a duplicate.
   */
  MAYBE_DELIVERED;

  /**
   * Classifies the failure of a request as the client reports it (the delivery semantics of the
   * client: {@link TransportException#requestSent()} true means the server may have it).
   *
   * @param failure an exception from a call or a future, wrapped or not
   * @return {@link #NOT_DELIVERED} or {@link #MAYBE_DELIVERED}
   */
  public static Outcome ofFailure(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof ValidationException) {
      return NOT_DELIVERED;
    }
    if (t instanceof ApiException api) {
      int s = api.status();
      return s == 503 || (s >= 400 && s < 500) ? NOT_DELIVERED : MAYBE_DELIVERED;
    }
    if (t instanceof TransportException te) {
      return te.requestSent() ? MAYBE_DELIVERED : NOT_DELIVERED;
    }
    if (t instanceof PusherException pe && pe.attempts() == 0) {
      return NOT_DELIVERED; // refused by the client before any attempt (closed, queue full)
    }
    return MAYBE_DELIVERED;
  }

  static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
