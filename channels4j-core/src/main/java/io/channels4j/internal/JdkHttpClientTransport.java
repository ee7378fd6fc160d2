package io.channels4j.internal;

import io.channels4j.spi.HttpRequest;
import io.channels4j.spi.HttpResponse;
import io.channels4j.spi.HttpTransport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A transport over {@link HttpClient}, for users who need proxies, HTTP/2 or their own TLS.
 *
 * <p>{@link java.net.http.HttpRequest#timeout()} only bounds the wait for the response headers, so
 * the whole exchange is bounded here: the request is sent asynchronously and the calling thread
 * waits for the complete answer until the deadline, then cancels it (which closes its connection).
 * An interrupt cancels it the same way.
 *
 * <p>Known limit (JDK 17): when a server closes a keep-alive connection just as a POST is sent on
 * it, {@code HttpClient} fails that POST instead of resending it. The failure is reported (never a
 * duplicate); the default transport resends in that case.
 */
public final class JdkHttpClientTransport implements HttpTransport {
  private final HttpClient client;

  /**
   * Wraps a client the caller keeps owning.
   *
   * @param client the client
   */
  public JdkHttpClientTransport(HttpClient client) {
    this.client = client;
  }

  @Override
  public HttpResponse send(HttpRequest request) throws IOException {
    long timeoutNanos = request.timeout().toNanos();
    java.net.http.HttpRequest.Builder b =
        java.net.http.HttpRequest.newBuilder(request.uri()).timeout(request.timeout());
    request.headers().forEach(b::header);
    if ("GET".equals(request.method())) {
      b.GET();
    } else {
      b.method(request.method(), BodyPublishers.ofByteArray(request.body()));
    }
    CompletableFuture<java.net.http.HttpResponse<byte[]>> pending =
        client.sendAsync(b.build(), BodyHandlers.ofByteArray());
    java.net.http.HttpResponse<byte[]> r;
    try {
      r = pending.get(timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      HttpTimeoutException timeout =
          new HttpTimeoutException(
              "request timed out after " + request.timeout().toMillis() + " ms");
      timeout.initCause(e);
      throw timeout;
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      InterruptedIOException ie = new InterruptedIOException("request interrupted");
      ie.initCause(e);
      throw ie;
    } catch (ExecutionException e) {
      throw unwrap(e.getCause());
    }
    Map<String, String> headers = new HashMap<>();
    for (Map.Entry<String, List<String>> h : r.headers().map().entrySet()) {
      if (!h.getValue().isEmpty()) {
        headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue().get(0));
      }
    }
    return new HttpResponse(r.statusCode(), headers, r.body());
  }

  /**
   * Rethrows the failure of the other thread as a new exception of the same kind, so that the stack
   * trace shows this call and the caller can still tell a connect failure or a timeout.
   */
  private static IOException unwrap(Throwable cause) {
    String message = cause.getMessage();
    IOException e;
    if (cause instanceof HttpConnectTimeoutException) {
      e = new HttpConnectTimeoutException(message);
    } else if (cause instanceof HttpTimeoutException) {
      e = new HttpTimeoutException(message);
    } else if (cause instanceof ConnectException) {
      e = new ConnectException(message);
    } else if (cause instanceof IOException) {
      e = new IOException(message);
    } else if (cause instanceof RuntimeException re) {
      throw re;
    } else if (cause instanceof Error err) {
      throw err;
    } else {
      e = new IOException(message);
    }
    e.initCause(cause);
    return e;
  }
}
