package io.channels4j.internal;

import io.channels4j.ApiException;
import io.channels4j.PusherException;
import io.channels4j.RequestTimeoutException;
import io.channels4j.TransportException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * The library's log lines, through {@link System.Logger} so that no logging library is needed (see
 * {@code docs/logging.md} for routing them to SLF4J, Log4j 2 or JUL). Every line is built here from
 * what is safe to show: the call's kind and method, the attempt, the status or the kind of failure,
 * a delay. Never a path (it holds channel names and user ids), a query (it holds {@code
 * auth_signature}), a body, an exception message (it quotes the path and the answer) or the secret.
 */
public final class Logs {
  /** Calls: a retry at INFO, a call that finally fails at WARNING. */
  public static final String CLIENT = "io.channels4j.client";

  /** The built-in transport: a stale connection discarded, at DEBUG. */
  public static final String HTTP = "io.channels4j.http";

  /** Webhook checks: a refused webhook, at INFO, with its reason only. */
  public static final String WEBHOOK = "io.channels4j.webhook";

  private static final Logger CLIENT_LOG = System.getLogger(CLIENT);
  private static final Logger HTTP_LOG = System.getLogger(HTTP);

  private Logs() {}

  /**
   * A failed attempt that will be retried, at INFO: {@code trigger POST attempt 1 failed (status
   * 503); attempt 2 in 84 ms}.
   *
   * @param call the call
   * @param attempt the attempt that failed
   * @param failure how it failed
   * @param wait the wait before the next attempt
   */
  static void retry(ApiCall<?> call, int attempt, PusherException failure, Duration wait) {
    if (CLIENT_LOG.isLoggable(Level.INFO)) {
      CLIENT_LOG.log(
          Level.INFO,
          name(call)
              + " attempt "
              + attempt
              + " failed ("
              + reason(failure)
              + "); attempt "
              + (attempt + 1)
              + " in "
              + wait.toMillis()
              + " ms");
    }
  }

  /**
   * A call that ends in failure, at WARNING: {@code trigger POST failed after 3 attempts (status
   * 503)}. The caller gets the exception with the details; the log says that it happened.
   *
   * @param call the call
   * @param attempt the last attempt
   * @param failure how it failed
   */
  static void failed(ApiCall<?> call, int attempt, PusherException failure) {
    if (CLIENT_LOG.isLoggable(Level.WARNING)) {
      CLIENT_LOG.log(
          Level.WARNING,
          name(call)
              + " failed after "
              + attempt
              + (attempt == 1 ? " attempt" : " attempts")
              + " ("
              + reason(failure)
              + ")");
    }
  }

  /**
   * A kept-alive connection found closed or out of step and thrown away, at DEBUG: {@code discarded
   * a stale connection to 127.0.0.1:6001: closed by the server, or out of step (stray bytes), while
   * idle}. Normal with keep-alive (a server closes idle connections on its own schedule); worth a
   * look only when frequent.
   *
   * @param hostPort the server, {@code host:port}
   * @param what what was found, and what happens to the request if one was on it
   */
  public static void staleConnection(String hostPort, String what) {
    if (HTTP_LOG.isLoggable(Level.DEBUG)) {
      HTTP_LOG.log(Level.DEBUG, "discarded a stale connection to " + hostPort + ": " + what);
    }
  }

  /** {@code trigger POST}: what a call does and its method, without its path. */
  private static String name(ApiCall<?> call) {
    return call.kind().tagValue() + " " + call.method();
  }

  /**
   * Why an attempt failed, from the exceptions' types and fields only: {@code status 503}, {@code
   * timeout, request sent}, {@code ConnectException, request not sent} (the innermost cause).
   */
  static String reason(PusherException failure) {
    if (failure instanceof ApiException api) {
      return "status "
          + api.status()
          + (api.retryAfter().isPresent()
              ? ", Retry-After " + api.retryAfter().get().toMillis() + " ms"
              : "");
    }
    if (failure instanceof RequestTimeoutException timeout) {
      return "timeout, " + sent(timeout.requestSent());
    }
    if (failure instanceof TransportException transport) {
      // The innermost cause says what the network did (a transport may wrap it in its own type).
      Throwable cause = transport.getCause();
      for (int i = 0; i < 8 && cause != null && cause.getCause() != null; i++) {
        cause = cause.getCause();
      }
      String type = cause != null ? cause.getClass().getSimpleName() : "transport failure";
      return type + ", " + sent(transport.requestSent());
    }
    return failure.getClass().getSimpleName();
  }

  private static String sent(boolean sent) {
    return sent ? "request sent" : "request not sent";
  }
}
