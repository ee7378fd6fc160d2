package io.channels4j.internal;

import io.channels4j.internal.http.NotSentException;
import io.channels4j.internal.http.RequestWriter;
import io.channels4j.internal.http.TransportConfig;
import io.channels4j.spi.HttpRequest;
import io.channels4j.spi.HttpResponse;
import io.channels4j.spi.HttpTransport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.ResponseInfo;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
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
 * <p>The response body is collected by a subscriber that stops at a cap (1 MiB by default): an
 * answer announcing or sending more fails with an {@link IOException} and its connection is
 * dropped, instead of filling the heap. Request headers are checked as the default transport checks
 * them (no CR, LF or control characters; {@code Host}, {@code Content-Length} and {@code
 * Transfer-Encoding} belong to the transport).
 *
 * <p>Known limit (JDK 17): when a server closes a keep-alive connection just as a POST is sent on
 * it, {@code HttpClient} fails that POST instead of resending it. The failure is reported (never a
 * duplicate).
 */
public final class JdkHttpClientTransport implements HttpTransport {
  private final HttpClient client;
  private final int maxResponseBytes;

  /**
   * Wraps a client the caller keeps owning, with the default response cap.
   *
   * @param client the client
   */
  public JdkHttpClientTransport(HttpClient client) {
    this(client, TransportConfig.DEFAULT_MAX_RESPONSE_BYTES);
  }

  /**
   * Wraps a client the caller keeps owning.
   *
   * @param client the client
   * @param maxResponseBytes the largest response body accepted
   */
  public JdkHttpClientTransport(HttpClient client, int maxResponseBytes) {
    if (maxResponseBytes < 1) {
      throw new IllegalArgumentException("maxResponseBytes must be positive");
    }
    this.client = client;
    this.maxResponseBytes = maxResponseBytes;
  }

  @Override
  public HttpResponse send(HttpRequest request) throws IOException {
    long timeoutNanos = request.timeout().toNanos();
    RequestWriter.checkHeaders(request.headers());
    java.net.http.HttpRequest built;
    try {
      java.net.http.HttpRequest.Builder b =
          java.net.http.HttpRequest.newBuilder(request.uri()).timeout(request.timeout());
      request.headers().forEach(b::header);
      if ("GET".equals(request.method())) {
        b.GET();
      } else {
        b.method(request.method(), BodyPublishers.ofByteArray(request.body()));
      }
      built = b.build();
    } catch (IllegalArgumentException e) {
      // HttpClient refuses some headers of its own (Connection, Expect, Upgrade…): nothing left.
      throw new NotSentException("HttpClient refused the request: " + e.getMessage(), e);
    }
    CompletableFuture<java.net.http.HttpResponse<byte[]>> pending =
        client.sendAsync(built, new CappedBodyHandler(maxResponseBytes));
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
    if (r.statusCode() < 100 || r.statusCode() > 999) {
      throw new IOException("status code is not three digits: " + r.statusCode());
    }
    if (r.body() == null) {
      // HttpClient answered by itself (e.g. a proxy's 407 to CONNECT) without the body handler.
      throw new IOException(
          "no response from the server: HttpClient returned HTTP "
              + r.statusCode()
              + " without a body (a proxy refusing the tunnel?)");
    }
    if (r.headers().allValues("content-length").stream().distinct().count() > 1) {
      throw new IOException("conflicting Content-Length values");
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

  /** Collects a body up to a cap; refuses one whose announced length is already above it. */
  private static final class CappedBodyHandler implements BodyHandler<byte[]> {
    private final int max;

    CappedBodyHandler(int max) {
      this.max = max;
    }

    @Override
    public BodySubscriber<byte[]> apply(ResponseInfo info) {
      List<String> lengths = info.headers().allValues("content-length");
      String refusal = null;
      if (lengths.stream().distinct().count() > 1) {
        refusal = "conflicting Content-Length values";
      } else if (!lengths.isEmpty()) {
        try {
          long length = Long.parseLong(lengths.get(0).trim());
          if (length > max) {
            refusal = "response body of " + length + " bytes exceeds the limit of " + max;
          }
        } catch (NumberFormatException e) {
          refusal = "bad Content-Length";
        }
      }
      return new CappedBody(max, refusal);
    }
  }

  /** Appends the arriving buffers to an array that grows with them, up to the cap. */
  private static final class CappedBody implements BodySubscriber<byte[]> {
    private final int max;
    private final String refusal;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private byte[] buf = new byte[0];
    private int size;

    CappedBody(int max, String refusal) {
      this.max = max;
      this.refusal = refusal;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (refusal != null) {
        s.cancel();
        result.completeExceptionally(new IOException(refusal));
        return;
      }
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer item : items) {
        int n = item.remaining();
        if ((long) size + n > max) {
          subscription.cancel();
          result.completeExceptionally(
              new IOException("response body exceeds the limit of " + max + " bytes"));
          return;
        }
        if (size + n > buf.length) {
          buf = Arrays.copyOf(buf, Math.min(max, Math.max(size + n, 2 * buf.length)));
        }
        item.get(buf, size, n);
        size += n;
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(size == buf.length ? buf : Arrays.copyOf(buf, size));
    }
  }
}
