package io.channels4j;

import static io.channels4j.FaultyClients.MARGIN;
import static io.channels4j.FaultyClients.clientOf;
import static io.channels4j.spi.tck.Behaviour.holdUntil;
import static io.channels4j.spi.tck.Behaviour.neverAnswer;
import static io.channels4j.spi.tck.Behaviour.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.channels4j.FaultyClients.Timed;
import io.channels4j.spi.tck.FaultyServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The async face: same code path and exceptions as the blocking one; cancelling stops requests. */
@Timeout(20)
class AsyncTest extends FaultyServerFixture {
  private static final Duration TIMEOUT = Duration.ofMillis(300);
  private static final Duration LONG = Duration.ofSeconds(5);

  private CompletableFuture<TriggerResult> triggerAsync(Pusher pusher) {
    return pusher.async().trigger("my-channel", "my-event", "{}");
  }

  @Test
  void returnsTheResultOnAClientThreadWhileTheBlockingFaceUsesTheCallersThread() throws Exception {
    List<String> threads = new ArrayList<>();
    Pusher pusher =
        client(
            clientOf(server)
                .requestListener(
                    new RequestListener() {
                      @Override
                      public void onStart(CallKind kind, String method, String path, int attempt) {
                        synchronized (threads) {
                          threads.add(Thread.currentThread().getName());
                        }
                      }
                    }));
    server.setFallback(respond(200, "{\"channels\":{\"my-channel\":{\"subscription_count\":3}}}"));

    TriggerResult async = triggerAsync(pusher).get(5, TimeUnit.SECONDS);
    TriggerResult blocking = pusher.trigger("my-channel", "my-event", "{}");

    assertThat(async).isEqualTo(blocking);
    assertThat(async.channel("my-channel").subscriptionCount()).hasValue(3);
    assertThat(threads.get(0)).startsWith("channels4j-async-");
    assertThat(threads.get(1)).isEqualTo(Thread.currentThread().getName());
  }

  /** Failures that both faces must report with the same exception type. */
  enum Fault {
    REFUSED(TransportException.class),
    CLIENT_ERROR(ApiException.class),
    GATEWAY_ERROR(ApiException.class),
    NOT_JSON(ApiException.class),
    READ_TIMEOUT(RequestTimeoutException.class);

    final Class<? extends PusherException> type;

    Fault(Class<? extends PusherException> type) {
      this.type = type;
    }

    Pusher.Builder arrange(FaultyServer server) {
      switch (this) {
        case REFUSED:
          return clientOf(FaultyServer.closedPort());
        case CLIENT_ERROR:
          server.setFallback(respond(400, "{\"error\":\"bad\"}"));
          break;
        case GATEWAY_ERROR:
          server.setFallback(respond(502, "{}"));
          break;
        case NOT_JSON:
          server.setFallback(respond(200, "oops"));
          break;
        case READ_TIMEOUT:
          server.setFallback(neverAnswer());
          break;
      }
      return clientOf(server);
    }
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void failsWithTheSameExceptionAsTheBlockingFace(Fault fault) {
    Pusher pusher = client(fault.arrange(server).timeout(TIMEOUT));

    Throwable blocking = catchThrowable(() -> pusher.trigger("my-channel", "my-event", "{}"));
    Throwable viaGet = catchThrowable(() -> triggerAsync(pusher).get(5, TimeUnit.SECONDS));
    Throwable viaJoin = catchThrowable(() -> triggerAsync(pusher).join());

    assertThat(blocking).isExactlyInstanceOf(fault.type);
    assertThat(viaGet).isInstanceOf(ExecutionException.class);
    assertThat(viaGet.getCause()).isExactlyInstanceOf(fault.type);
    assertThat(viaJoin).isInstanceOf(CompletionException.class);
    assertThat(viaJoin.getCause()).isExactlyInstanceOf(fault.type);
    PusherException sync = (PusherException) blocking;
    PusherException async = (PusherException) viaGet.getCause();
    assertThat(async.attempts()).isEqualTo(sync.attempts());
    assertThat(async.isRetryable()).isEqualTo(sync.isRetryable());
    assertThat(async.getMessage()).isEqualTo(sync.getMessage());
  }

  @Test
  void rejectsBadInputAtOnceInsteadOfFailingTheFuture() {
    Pusher pusher = client(clientOf(server));

    assertThatThrownBy(() -> pusher.async().trigger("bad channel", "my-event", "{}"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("channel");
    assertThat(server.requestCount()).isZero();
  }

  // -------------------------------------------------------------------------------- cancelling

  @Test
  void cancellingTheFutureClosesTheConnectionOfTheRequest() throws Exception {
    server.enqueue(neverAnswer());
    Pusher pusher = client(clientOf(server).maxRequestsInFlight(1));
    CompletableFuture<TriggerResult> future = triggerAsync(pusher);
    server.takeRequest(LONG);

    assertThat(future.cancel(true)).isTrue();

    assertThat(server.awaitOpenConnectionsAtMost(0, MARGIN)).as("server sees the close").isTrue();
    assertThat(future).isCancelled();
    // The pool's only thread is not left interrupted: the next call succeeds.
    assertThat(triggerAsync(pusher).get(5, TimeUnit.SECONDS).channels()).isEmpty();
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @Test
  void cancellingDuringTheBackoffStopsTheRetries() throws Exception {
    server.setFallback(respond(503, "{}", "Retry-After", "1"));
    Pusher pusher = client(clientOf(server).retryPolicy(RetryPolicy.defaults()));
    CompletableFuture<TriggerResult> future = triggerAsync(pusher);
    server.takeRequest(LONG);

    future.cancel(true);

    assertThat(server.awaitRequests(2, Duration.ofMillis(1200))).isFalse();
  }

  @Test
  void aFutureTimingOutStopsTheRequest() {
    server.enqueue(neverAnswer());
    Pusher pusher = client(clientOf(server));
    CompletableFuture<TriggerResult> future =
        triggerAsync(pusher).orTimeout(200, TimeUnit.MILLISECONDS);

    Throwable thrown = catchThrowable(future::join);

    assertThat(thrown).hasCauseInstanceOf(TimeoutException.class);
    assertThat(server.awaitOpenConnectionsAtMost(0, MARGIN)).isTrue();
  }

  @Test
  void aCallCancelledWhileQueuedIsNeverSent() throws Exception {
    server.enqueue(holdUntil(gate, respond(200, "{}")));
    Pusher pusher = client(clientOf(server).maxRequestsInFlight(1));
    CompletableFuture<TriggerResult> first = triggerAsync(pusher);
    CompletableFuture<TriggerResult> queued = triggerAsync(pusher);
    server.takeRequest(LONG);

    queued.cancel(true);
    gate.countDown();

    assertThat(first.get(5, TimeUnit.SECONDS).channels()).isEmpty();
    assertThat(catchThrowable(queued::join)).isInstanceOf(CancellationException.class);
    assertThat(server.awaitRequests(2, Duration.ofMillis(200))).isFalse();
  }

  @Test
  void interruptingABlockingCallEndsItAndClosesTheConnection() throws Exception {
    server.enqueue(neverAnswer());
    Pusher pusher = client(clientOf(server));
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
    Thread caller =
        new Thread(
            () -> {
              thrown.set(catchThrowable(() -> pusher.trigger("my-channel", "my-event", "{}")));
              stillInterrupted.set(Thread.currentThread().isInterrupted());
            });
    caller.start();
    server.takeRequest(LONG);

    caller.interrupt();
    caller.join(MARGIN.toMillis());

    assertThat(caller.isAlive()).isFalse();
    assertThat(thrown.get())
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("interrupted");
    assertThat(((TransportException) thrown.get()).attempts()).isEqualTo(1);
    assertThat(stillInterrupted.get()).as("the interrupt status is kept").isTrue();
    assertThat(server.awaitOpenConnectionsAtMost(0, MARGIN)).isTrue();
  }

  // ------------------------------------------------------------------------------ closing

  @Test
  void closingTheClientFailsQueuedCallsAndInterruptsRunningOnes() {
    server.enqueue(holdUntil(gate, respond(200, "{}")));
    Pusher pusher = client(clientOf(server).maxRequestsInFlight(1));
    CompletableFuture<TriggerResult> running = triggerAsync(pusher);
    CompletableFuture<TriggerResult> queued = triggerAsync(pusher);
    server.takeRequest(LONG);

    Timed<Object> closing =
        Timed.of(
            () -> {
              pusher.close();
              return null;
            });

    Throwable queuedFailure = catchThrowable(() -> queued.get(1, TimeUnit.SECONDS));
    Throwable runningFailure = catchThrowable(() -> running.get(1, TimeUnit.SECONDS));
    assertThat(closing.took()).isLessThan(MARGIN);
    assertThat(queuedFailure.getCause())
        .isExactlyInstanceOf(PusherException.class)
        .hasMessageContaining("closed");
    assertThat(runningFailure.getCause()).isInstanceOf(TransportException.class);
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void anAsyncCallOnAClosedClientFailsAtOnce() {
    Pusher pusher = client(clientOf(server));
    pusher.close();

    CompletableFuture<TriggerResult> future = triggerAsync(pusher);

    assertThat(future).isCompletedExceptionally();
    assertThat(catchThrowable(future::join).getCause())
        .isExactlyInstanceOf(PusherException.class)
        .hasMessageContaining("client is closed");
  }

  @Test
  void runsManyCallsConcurrently() {
    Pusher pusher = client(clientOf(server).maxRequestsInFlight(8));
    List<CompletableFuture<TriggerResult>> futures = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      futures.add(triggerAsync(pusher));
    }

    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();

    assertThat(futures).allMatch(f -> f.join().channels().isEmpty());
    assertThat(server.requestCount()).isEqualTo(300);
    assertThat(server.connectionCount()).isLessThanOrEqualTo(8);
  }

  @Test
  void everyAsyncMethodSharesTheBlockingPath() throws Exception {
    server.setFallback(
        e ->
            respond(200, e.request().method().equals("GET") ? "{\"channels\":{}}" : "{}")
                .answer(e));
    Pusher pusher = client(clientOf(server));
    AsyncPusher async = pusher.async();
    List<Function<AsyncPusher, CompletableFuture<?>>> calls =
        List.of(
            a -> a.trigger("c", "e", "{}"),
            a -> a.triggerBatch(List.of(Event.of("c", "e", "{}"))),
            a -> a.sendToUser("user-1", "e", "{}"),
            a -> a.terminateUserConnections("user-1"),
            a -> a.channels(ChannelsQuery.all()),
            a -> a.channel("c"),
            a -> a.users("presence-c"));

    for (Function<AsyncPusher, CompletableFuture<?>> call : calls) {
      call.apply(async).get(5, TimeUnit.SECONDS);
    }

    assertThat(server.requestCount()).isEqualTo(calls.size());
  }
}
