package io.channels4j.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.channels4j.ApiException;
import io.channels4j.PusherException;
import io.channels4j.RequestListener;
import io.channels4j.RequestTimeoutException;
import io.channels4j.RetryPolicy;
import io.channels4j.TransportException;
import io.channels4j.spi.HttpRequest;
import io.channels4j.spi.HttpResponse;
import io.channels4j.spi.HttpTransport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Signs, sends, retries and parses API calls. The blocking face runs everything on the calling
 * thread; the async face runs the very same code on the executor.
 */
public final class Caller {
  private static final Map<String, String> JSON_HEADERS =
      Map.of("X-Pusher-Library", Version.LIBRARY_HEADER, "Content-Type", "application/json");
  private static final Map<String, String> PLAIN_HEADERS =
      Map.of("X-Pusher-Library", Version.LIBRARY_HEADER);

  private final RequestSigner signer;
  private final HttpTransport transport;
  private final Duration timeout;
  private final Clock clock;
  private final RetryPolicy retry;
  private final RequestListener listener;
  private final Executor executor;

  /**
   * Creates a caller.
   *
   * @param signer the request signer
   * @param transport the transport
   * @param timeout the whole-request timeout
   * @param clock the clock for timestamps
   * @param retry the retry policy
   * @param listener the listener, or null
   * @param executor the executor of async calls
   */
  public Caller(
      RequestSigner signer,
      HttpTransport transport,
      Duration timeout,
      Clock clock,
      RetryPolicy retry,
      RequestListener listener,
      Executor executor) {
    this.signer = signer;
    this.transport = transport;
    this.timeout = timeout;
    this.clock = clock;
    this.retry = retry;
    this.listener = listener;
    this.executor = executor;
  }

  /**
   * Builds the signed request of one attempt.
   *
   * @param call the call
   * @return the request, signed with the clock's current time
   */
  public HttpRequest signedRequest(ApiCall<?> call) {
    long now = clock.millis() / 1000;
    RequestSigner.Signed signed =
        signer.sign(call.method(), call.path(), call.params(), call.body(), now);
    URI uri = URI.create(call.baseUri() + call.path() + '?' + signed.wireQuery());
    return new HttpRequest(
        call.method(),
        uri,
        call.body().length > 0 ? JSON_HEADERS : PLAIN_HEADERS,
        call.body(),
        timeout);
  }

  /**
   * Runs a call on the calling thread, retrying as the policy allows.
   *
   * @param <T> the result type
   * @param call the call
   * @return the parsed result
   */
  public <T> T execute(ApiCall<T> call) {
    for (int attempt = 1; ; attempt++) {
      long start = System.nanoTime();
      notifyStart(call, attempt);
      Integer status = null;
      PusherException failure;
      try {
        HttpResponse response = transport.send(signedRequest(call));
        status = response.status();
        T result = handle(call, response, attempt);
        notifyEnd(call, attempt, status, start, null, false);
        return result;
      } catch (IOException e) {
        failure = transportFailure(call, e, attempt);
      } catch (PusherException e) {
        failure = e;
      }
      Duration wait = retryDelay(call, failure, attempt);
      boolean willRetry = wait != null && !Thread.currentThread().isInterrupted();
      notifyEnd(call, attempt, status, start, failure, willRetry);
      if (!willRetry) {
        throw failure;
      }
      try {
        Thread.sleep(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure;
      }
    }
  }

  /**
   * Runs a call on the executor. Cancelling the future interrupts the attempt in progress, which
   * closes its connection.
   *
   * @param <T> the result type
   * @param call the call
   * @return a future of the result, failing with the same exceptions as {@link #execute}
   */
  public <T> CompletableFuture<T> executeAsync(ApiCall<T> call) {
    AsyncTask<T> task = new AsyncTask<>(this, call);
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      task.future.completeExceptionally(
          new PusherException(
              "async request refused: the queue of waiting requests is full ("
                  + e.getMessage()
                  + "); slow down or raise maxQueuedRequests",
              e,
              0));
    }
    return task.future;
  }

  /** A queued async call that can be interrupted while it runs, and only while it runs. */
  private static final class AsyncTask<T> implements Runnable {
    private final Caller caller;
    private final ApiCall<T> call;
    final CompletableFuture<T> future = new CompletableFuture<>();
    private Thread runner;
    private boolean finished;

    AsyncTask(Caller caller, ApiCall<T> call) {
      this.caller = caller;
      this.call = call;
      future.whenComplete(
          (r, e) -> {
            if (future.isCancelled()) {
              synchronized (this) {
                if (runner != null && !finished) {
                  runner.interrupt();
                }
              }
            }
          });
    }

    @Override
    public void run() {
      synchronized (this) {
        if (future.isDone()) {
          return;
        }
        runner = Thread.currentThread();
      }
      try {
        future.complete(caller.execute(call));
      } catch (Throwable t) {
        future.completeExceptionally(t);
      } finally {
        synchronized (this) {
          finished = true;
          runner = null;
        }
        // A cancel that raced with completion must not leak into the pool's next task.
        Thread.interrupted();
      }
    }
  }

  private <T> T handle(ApiCall<T> call, HttpResponse response, int attempt) {
    int status = response.status();
    if (status < 200 || status >= 300) {
      throw new ApiException(
          call.method()
              + " "
              + call.path()
              + " failed with HTTP "
              + status
              + ": "
              + summary(response),
          status,
          response.bodyText(),
          retryAfter(response),
          attempt);
    }
    JsonNode json;
    try {
      json = Json.parse(response.body());
    } catch (IOException e) {
      throw new ApiException(
          call.method()
              + " "
              + call.path()
              + " answered HTTP "
              + status
              + " with a body that is not JSON: "
              + summary(response),
          status,
          response.bodyText(),
          null,
          attempt);
    }
    // soketi answers refusals with HTTP 200 and {"error":"…","code":401}: that is an error.
    JsonNode error = json.get("error");
    JsonNode code = json.get("code");
    if (error != null && code != null && code.canConvertToInt() && code.intValue() >= 400) {
      throw new ApiException(
          call.method()
              + " "
              + call.path()
              + " was refused with code "
              + code.intValue()
              + " (sent with HTTP "
              + status
              + "): "
              + error.asText(),
          code.intValue(),
          response.bodyText(),
          retryAfter(response),
          attempt);
    }
    try {
      return call.parser().parse(json);
    } catch (RuntimeException e) {
      throw new ApiException(
          call.method() + " " + call.path() + " answered an unexpected body: " + summary(response),
          status,
          response.bodyText(),
          null,
          attempt);
    }
  }

  private PusherException transportFailure(ApiCall<?> call, IOException e, int attempt) {
    String what = call.method() + " " + call.path();
    boolean notSent = e instanceof ConnectException || e instanceof HttpConnectTimeoutException;
    if (e instanceof HttpConnectTimeoutException
        || (e instanceof ConnectException && e.getCause() instanceof SocketTimeoutException)) {
      return new RequestTimeoutException(
          what + " could not connect within the timeout: " + e.getMessage(), e, false, attempt);
    }
    if (e instanceof SocketTimeoutException || e instanceof HttpTimeoutException) {
      return new RequestTimeoutException(
          what + " timed out after " + timeout.toMillis() + " ms", e, true, attempt);
    }
    if (e instanceof ClosedByInterruptException
        || (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted())) {
      Thread.currentThread().interrupt();
      return new TransportException(what + " was interrupted", e, true, attempt);
    }
    return new TransportException(
        what + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
        e,
        !notSent,
        attempt);
  }

  /** Returns the wait before the next attempt, or null when the failure must not be retried. */
  private Duration retryDelay(ApiCall<?> call, PusherException failure, int attempt) {
    if (attempt >= retry.maxAttempts()) {
      return null;
    }
    boolean retryable =
        failure.isRetryable()
            || (call.idempotent()
                && (failure instanceof TransportException
                    || (failure instanceof ApiException api && api.status() == 500)));
    if (!retryable) {
      return null;
    }
    if (failure instanceof ApiException api && api.retryAfter().isPresent()) {
      Duration asked = api.retryAfter().get();
      return asked.compareTo(retry.maxBackoff()) <= 0 ? asked : null;
    }
    long base = retry.backoff(attempt).toMillis();
    return Duration.ofMillis(base == 0 ? 0 : ThreadLocalRandom.current().nextLong(base + 1));
  }

  private static Duration retryAfter(HttpResponse response) {
    Optional<String> value = response.header("retry-after");
    if (value.isEmpty()) {
      return null;
    }
    String v = value.get().trim();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
    } catch (NumberFormatException e) {
      try {
        java.time.ZonedDateTime at =
            java.time.ZonedDateTime.parse(v, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(java.time.Instant.now(), at.toInstant());
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException ignored) {
        return null;
      }
    }
  }

  private static String summary(HttpResponse response) {
    String text = response.bodyText().strip();
    if (text.isEmpty()) {
      return "(empty body)";
    }
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }

  private void notifyStart(ApiCall<?> call, int attempt) {
    if (listener != null) {
      try {
        listener.onStart(call.method(), call.path(), attempt);
      } catch (RuntimeException ignored) {
        // a listener must not break a request
      }
    }
  }

  private void notifyEnd(
      ApiCall<?> call,
      int attempt,
      Integer status,
      long startNanos,
      PusherException failure,
      boolean willRetry) {
    if (listener != null) {
      try {
        listener.onEnd(
            new RequestListener.Attempt(
                call.method(),
                call.path(),
                attempt,
                Optional.ofNullable(status),
                Duration.ofNanos(System.nanoTime() - startNanos),
                Optional.ofNullable(failure),
                willRetry));
      } catch (RuntimeException ignored) {
        // a listener must not break a request
      }
    }
  }
}
