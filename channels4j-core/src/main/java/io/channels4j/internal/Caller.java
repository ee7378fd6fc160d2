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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Signs, sends, retries and parses API calls. The blocking face runs everything on the calling
 * thread; the async face runs the very same code on the executor, so both report the same
 * exceptions: the async face completes its future exceptionally with exactly the exception the
 * blocking face would have thrown.
 */
public final class Caller {
  private static final Map<String, String> JSON_HEADERS =
      Map.of("X-Pusher-Library", Version.LIBRARY_HEADER, "Content-Type", "application/json");
  private static final Map<String, String> PLAIN_HEADERS =
      Map.of("X-Pusher-Library", Version.LIBRARY_HEADER);

  private final RequestSigner signer;
  private final HttpTransport transport;

  /** The transport when it is the built-in one, which takes requests without a URI; else null. */
  private final SocketTransport sockets;

  private volatile ResolvedBase resolved;
  private final Duration timeout;
  private final Clock clock;
  private final RetryPolicy retry;
  private final RequestListener listener;
  private final Executor executor;

  /** Calls between their first attempt's start and their outcome, blocking and async. */
  private final AtomicInteger inFlight = new AtomicInteger();

  /** Async calls handed to the executor that have not started running. */
  private final AtomicInteger queued = new AtomicInteger();

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
    this.sockets = transport instanceof SocketTransport st ? st : null;
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
    inFlight.incrementAndGet();
    try {
      return attempts(call);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /**
   * Returns how many calls are in flight: started and not yet finished, including the waits between
   * attempts.
   *
   * @return the count, at least 0
   */
  public int inFlight() {
    return inFlight.get();
  }

  /**
   * Returns how many async calls wait for the executor to run them.
   *
   * @return the count, at least 0
   */
  public int queued() {
    return queued.get();
  }

  private <T> T attempts(ApiCall<T> call) {
    for (int attempt = 1; ; attempt++) {
      long start = System.nanoTime();
      notifyStart(call, attempt);
      Integer status = null;
      PusherException failure;
      try {
        HttpResponse response = send(call, attempt);
        status = response.status();
        T result = handle(call, response, attempt);
        notifyEnd(call, attempt, status, start, null, false);
        return result;
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

  /** A base URI and its endpoint for the built-in transport (null when it cannot take it). */
  private record ResolvedBase(String baseUri, SocketTransport.Endpoint endpoint) {}

  private SocketTransport.Endpoint endpoint(String baseUri) {
    ResolvedBase r = resolved;
    if (r == null || !r.baseUri().equals(baseUri)) {
      r = new ResolvedBase(baseUri, SocketTransport.endpoint(baseUri));
      resolved = r;
    }
    return r.endpoint();
  }

  /** Sends one attempt, turning every failure of the transport into a PusherException. */
  private HttpResponse send(ApiCall<?> call, int attempt) {
    try {
      SocketTransport.Endpoint endpoint = sockets == null ? null : endpoint(call.baseUri());
      if (endpoint != null) {
        // The built-in transport gets the same request without a URI to build and parse again.
        RequestSigner.Signed signed =
            signer.sign(
                call.method(), call.path(), call.params(), call.body(), clock.millis() / 1000);
        return sockets.send(
            endpoint,
            call.method(),
            call.path() + '?' + signed.wireQuery(),
            call.body().length > 0 ? JSON_HEADERS : PLAIN_HEADERS,
            call.body(),
            timeout);
      }
      return transport.send(signedRequest(call));
    } catch (IOException e) {
      throw transportFailure(call, e, attempt);
    } catch (PusherException e) {
      throw e;
    } catch (RuntimeException e) {
      // A transport broke its contract; whether the request left is unknown, so assume it did.
      throw new TransportException(
          call.method() + " " + call.path() + " failed in the transport: " + e + suffix(attempt),
          e,
          true,
          attempt);
    }
  }

  /**
   * Runs a call on the executor. Completing the future from outside while the call runs (cancel,
   * {@code orTimeout}, {@code complete}) interrupts the attempt in progress, which closes its
   * connection and stops further retries.
   *
   * @param <T> the result type
   * @param call the call
   * @return a future of the result, failing with the same exceptions as {@link #execute}, or with a
   *     {@link PusherException} at once when the executor refuses the call (queue full, closed)
   */
  public <T> CompletableFuture<T> executeAsync(ApiCall<T> call) {
    AsyncTask<T> task = new AsyncTask<>(this, call);
    queued.incrementAndGet();
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      task.leaveQueue();
      task.future.completeExceptionally(
          executor instanceof ExecutorService service && service.isShutdown()
              ? new PusherException("async " + what(call) + " refused: the client is closed", e, 0)
              : new PusherException(
                  "async "
                      + what(call)
                      + " refused: every request slot is busy and the queue of waiting requests is"
                      + " full ("
                      + e.getMessage()
                      + "); slow down, or raise maxRequestsInFlight or maxQueuedRequests",
                  e,
                  0));
    }
    return task.future;
  }

  /**
   * Fails the futures of async calls that the executor dropped without running them (what {@link
   * ExecutorService#shutdownNow()} returns), so that no caller waits forever.
   *
   * @param neverRun the tasks the executor returned
   */
  public static void abandon(List<Runnable> neverRun) {
    for (Runnable r : neverRun) {
      if (r instanceof AsyncTask<?> task) {
        task.leaveQueue();
        task.future.completeExceptionally(
            new PusherException(
                "async " + what(task.call) + " was not sent: the client was closed first",
                null,
                0));
      }
    }
  }

  /** A queued async call that can be interrupted while it runs, and only while it runs. */
  private static final class AsyncTask<T> implements Runnable {
    private final Caller caller;
    private final ApiCall<T> call;
    final CompletableFuture<T> future = new CompletableFuture<>();
    private final AtomicBoolean left = new AtomicBoolean();
    private Thread runner;

    AsyncTask(Caller caller, ApiCall<T> call) {
      this.caller = caller;
      this.call = call;
      // The task completes the future only after it stopped running (runner is null then), so a
      // completion seen while it runs came from outside: stop the request.
      future.whenComplete(
          (r, e) -> {
            synchronized (this) {
              if (runner != null) {
                runner.interrupt();
              }
            }
          });
    }

    /** Counts this task out of the caller's queue, once, whichever way it leaves. */
    void leaveQueue() {
      if (left.compareAndSet(false, true)) {
        caller.queued.decrementAndGet();
      }
    }

    @Override
    public void run() {
      leaveQueue();
      synchronized (this) {
        if (future.isDone()) {
          return; // cancelled while queued
        }
        runner = Thread.currentThread();
      }
      T result = null;
      Throwable failure = null;
      try {
        result = caller.execute(call);
      } catch (Throwable t) {
        failure = t;
      } finally {
        synchronized (this) {
          runner = null;
        }
        // An interrupt from a completion that raced with the end must not leak into the next task
        // of the pool, nor into the caller's dependent stages run below.
        Thread.interrupted();
      }
      if (failure == null) {
        future.complete(result);
      } else {
        future.completeExceptionally(failure);
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
              + summary(response)
              + suffix(attempt),
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
              + summary(response)
              + suffix(attempt),
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
              + error.asText()
              + suffix(attempt),
          code.intValue(),
          response.bodyText(),
          retryAfter(response),
          attempt);
    }
    try {
      return call.parser().parse(json);
    } catch (RuntimeException e) {
      throw new ApiException(
          call.method()
              + " "
              + call.path()
              + " answered an unexpected body: "
              + summary(response)
              + suffix(attempt),
          status,
          response.bodyText(),
          null,
          attempt);
    }
  }

  private PusherException transportFailure(ApiCall<?> call, IOException e, int attempt) {
    String what = what(call);
    String suffix = suffix(attempt);
    boolean notSent = e instanceof ConnectException || e instanceof HttpConnectTimeoutException;
    if (e instanceof HttpConnectTimeoutException
        || (e instanceof ConnectException && e.getCause() instanceof SocketTimeoutException)) {
      return new RequestTimeoutException(
          what + " could not connect within the timeout: " + e.getMessage() + suffix,
          e,
          false,
          attempt);
    }
    if (e instanceof SocketTimeoutException || e instanceof HttpTimeoutException) {
      return new RequestTimeoutException(
          what + " timed out after " + timeout.toMillis() + " ms" + suffix, e, true, attempt);
    }
    if (e instanceof ClosedByInterruptException
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

  private static String what(ApiCall<?> call) {
    return call.method() + " " + call.path();
  }

  /** Names the attempt in messages once the policy has retried. */
  private static String suffix(int attempt) {
    return attempt > 1 ? " (attempt " + attempt + ")" : "";
  }

  /** Returns the wait before the next attempt, or null when the failure must not be retried. */
  private Duration retryDelay(ApiCall<?> call, PusherException failure, int attempt) {
    if (attempt >= retry.maxAttempts()) {
      return null;
    }
    boolean retryable;
    try {
      retryable = retry.condition().shouldRetry(call.method(), failure);
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
      return null; // a broken condition must not hide the failure
    }
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

  private Duration retryAfter(HttpResponse response) {
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
        Duration d = Duration.between(clock.instant(), at.toInstant());
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
        listener.onStart(call.kind(), call.method(), call.path(), attempt);
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
                call.kind(),
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
