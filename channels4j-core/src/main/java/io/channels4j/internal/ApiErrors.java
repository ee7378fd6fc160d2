package io.channels4j.internal;

import io.channels4j.ApiException;
import io.channels4j.PusherException;
import io.channels4j.RequestTimeoutException;
import io.channels4j.TransportException;
import io.channels4j.spi.HttpResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Turns failures into the library's exceptions, with messages that name the request ({@code POST
 * /apps/1/events}), what went wrong and, once retried, the attempt. Whether a request may have
 * reached the server is decided here, since retries and callers depend on it.
 */
final class ApiErrors {
  /** How much of an error body a message quotes. */
  private static final int SUMMARY_CHARS = 200;

  private ApiErrors() {}

  /**
   * The one factory of {@link ApiException}: the server answered, and the answer is an error.
   *
   * @param call the call
   * @param problem what was wrong, e.g. {@code failed with HTTP 500}
   * @param status the status (or the code of an error body)
   * @param response the answer, whose body the exception keeps
   * @param retryAfter the wait the server asked for, or null
   * @param attempt the attempt
   */
  static ApiException api(
      ApiCall<?> call,
      String problem,
      int status,
      HttpResponse response,
      @Nullable Duration retryAfter,
      int attempt) {
    return new ApiException(
        what(call) + " " + problem + suffix(attempt),
        status,
        response.bodyText(),
        retryAfter,
        attempt);
  }

  /**
   * A failure of the transport: a timeout, an interrupt, or an I/O error, and whether the request
   * may have been sent (anything but a failed connect may have been).
   */
  static PusherException transport(ApiCall<?> call, IOException e, int attempt, Duration timeout) {
    String what = what(call);
    String suffix = suffix(attempt);
    // Only failures that happen before a connection exists prove that nothing was sent.
    boolean notSent =
        e instanceof ConnectException
            || e instanceof HttpConnectTimeoutException
            || e instanceof UnknownHostException
            || e instanceof NoRouteToHostException;
    if (e instanceof HttpConnectTimeoutException
        || (e instanceof ConnectException && e.getCause() instanceof SocketTimeoutException)) {
      return new RequestTimeoutException(
          what
              + " could not connect or send the request within the timeout: "
              + e.getMessage()
              + suffix,
          e,
          false,
          attempt);
    }
    if (e instanceof SocketTimeoutException || e instanceof HttpTimeoutException) {
      return new RequestTimeoutException(
          what + " timed out after " + timeout.toMillis() + " ms" + suffix, e, true, attempt);
    }
    if (e instanceof ClosedByInterruptException
        || e.getCause() instanceof ClosedByInterruptException
        || (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted())) {
      Thread.currentThread().interrupt();
      return new TransportException(what + " was interrupted" + suffix, e, !notSent, attempt);
    }
    return new TransportException(
        what + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage() + suffix,
        e,
        !notSent,
        attempt);
  }

  /** Names a call in messages: {@code METHOD /path}. */
  static String what(ApiCall<?> call) {
    return call.method() + " " + call.path();
  }

  /** Names the attempt in messages once the policy has retried. */
  static String suffix(int attempt) {
    return attempt > 1 ? " (attempt " + attempt + ")" : "";
  }

  /** The start of an answer's body for a message: stripped, at most 200 characters. */
  static String summary(HttpResponse response) {
    String text = response.bodyText().strip();
    if (text.isEmpty()) {
      return "(empty body)";
    }
    return text.length() <= SUMMARY_CHARS ? text : text.substring(0, SUMMARY_CHARS) + "…";
  }
}
