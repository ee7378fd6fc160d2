package io.channels4j.internal;

import io.channels4j.PusherException;
import io.channels4j.RequestListener;
import io.channels4j.RetryPolicy;
import io.channels4j.TransportException;
import io.channels4j.spi.HttpRequest;
import io.channels4j.spi.HttpResponse;
import io.channels4j.spi.HttpTransport;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Signs and sends API calls, attempt after attempt as the retry policy allows. The blocking face
 * runs everything on the calling thread; the async face ({@link AsyncCalls}) runs the very same
 * code on the executor, so both report the same exceptions. Answers are read by {@link Answers},
 * failures named by {@link ApiErrors}, waits chosen by {@link RetryDelays}, and each attempt
 * reported through {@link AttemptListener}.
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
  private final RetryDelays retries;
  private final AttemptListener listener;
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
    this.timeout = timeout;
    this.clock = clock;
    this.retries = new RetryDelays(retry);
    this.listener = new AttemptListener(listener);
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
    // Origin and target as they go on the wire: no URI is built unless a transport asks.
    return HttpRequest.of(
        call.method(),
        call.baseUri(),
        call.path() + '?' + signed.wireQuery(),
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

  /** Counts an async call handed to the executor; {@link AsyncCalls} calls it. */
  void enterQueue() {
    queued.incrementAndGet();
  }

  /** Counts an async call out of the queue, once per call, whether it runs or is dropped. */
  void leaveQueue() {
    queued.decrementAndGet();
  }

  private <T> T attempts(ApiCall<T> call) {
    for (int attempt = 1; ; attempt++) {
      long start = System.nanoTime();
      listener.started(call, attempt);
      Integer status = null;
      PusherException failure;
      try {
        HttpResponse response = send(call, attempt);
        status = response.status();
        T result = Answers.read(call, response, attempt, clock);
        listener.ended(call, attempt, status, start, null, false);
        return result;
      } catch (PusherException e) {
        failure = e;
      }
      Duration wait = retries.next(call, failure, attempt);
      boolean willRetry = wait != null && !Thread.currentThread().isInterrupted();
      listener.ended(call, attempt, status, start, failure, willRetry);
      if (!willRetry) {
        Logs.failed(call, attempt, failure);
        throw failure;
      }
      Logs.retry(call, attempt, failure, wait);
      try {
        Thread.sleep(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        Logs.failed(call, attempt, failure);
        throw failure;
      }
    }
  }

  /** Sends one attempt, turning every failure of the transport into a PusherException. */
  private HttpResponse send(ApiCall<?> call, int attempt) {
    try {
      // Every transport, the built-in one included, takes the same path.
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
   * Runs a call on the executor (see {@link AsyncCalls}). A call started from a completion of this
   * client's own async call runs next on the completing thread, once its callbacks return.
   *
   * @param <T> the result type
   * @param call the call
   * @return a future of the result, failing with the same exceptions as {@link #execute}, or with a
   *     {@link PusherException} at once when the executor refuses the call (queue full, closed)
   */
  public <T> CompletableFuture<T> executeAsync(ApiCall<T> call) {
    return AsyncCalls.submit(this, executor, call);
  }

  private PusherException transportFailure(ApiCall<?> call, IOException e, int attempt) {
    return ApiErrors.transport(call, e, attempt, timeout);
  }

  private static String suffix(int attempt) {
    return ApiErrors.suffix(attempt);
  }
}
