package io.channels4j;

import static io.channels4j.FaultyClients.clientOf;
import static io.channels4j.spi.tck.Behaviour.holdUntil;
import static io.channels4j.spi.tck.Behaviour.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The limit on async requests in flight, the bounded queue behind it, and failing fast past it. */
@Timeout(20)
class BackPressureTest extends FaultyServerFixture {
  private static final Duration LONG = Duration.ofSeconds(5);
  private static final Duration QUIET = Duration.ofMillis(200);

  private static CompletableFuture<TriggerResult> trigger(Pusher pusher) {
    return pusher.async().trigger("my-channel", "my-event", "{}");
  }

  @Test
  void sendsNoMoreThanMaxRequestsInFlightQueuesTheRestAndFailsFastWhenTheQueueIsFull()
      throws Exception {
    server.setFallback(holdUntil(gate, respond(200, "{}")));
    Pusher pusher = client(clientOf(server).maxRequestsInFlight(2).maxQueuedRequests(3));
    List<CompletableFuture<TriggerResult>> accepted = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      accepted.add(trigger(pusher));
    }
    assertThat(server.awaitRequests(2, LONG)).isTrue();
    assertThat(server.awaitRequests(3, QUIET)).as("only 2 in flight").isFalse();

    CompletableFuture<TriggerResult> refused = trigger(pusher);

    assertThat(refused).as("fails at once, without waiting").isCompletedExceptionally();
    Throwable cause = catchThrowable(refused::join).getCause();
    assertThat(cause)
        .isExactlyInstanceOf(PusherException.class)
        .hasMessageContaining("async POST /apps/1/events refused")
        .hasMessageContaining("queue of waiting requests is full")
        .hasMessageContaining("3 requests queued and 2 in flight")
        .hasMessageContaining("maxQueuedRequests");
    assertThat(((PusherException) cause).attempts()).isZero();
    assertThat(cause.getCause()).isInstanceOf(RejectedExecutionException.class);

    gate.countDown();
    for (CompletableFuture<TriggerResult> f : accepted) {
      assertThat(f.get(5, TimeUnit.SECONDS).channels()).isEmpty();
    }
    assertThat(server.requestCount()).isEqualTo(5);
    assertThat(server.connectionCount()).isEqualTo(2);
  }

  @Test
  void countsCallsInFlightAndQueuedUntilTheyFinish() throws Exception {
    server.setFallback(holdUntil(gate, respond(200, "{}")));
    Pusher pusher = client(clientOf(server).maxRequestsInFlight(2).maxQueuedRequests(10));
    assertThat(pusher.requestsInFlight()).isZero();
    assertThat(pusher.requestsQueued()).isZero();
    List<CompletableFuture<TriggerResult>> accepted = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      accepted.add(trigger(pusher));
    }
    assertThat(server.awaitRequests(2, LONG)).isTrue();

    assertThat(pusher.requestsInFlight()).isEqualTo(2);
    assertThat(pusher.requestsQueued()).isEqualTo(3);

    gate.countDown();
    for (CompletableFuture<TriggerResult> f : accepted) {
      f.get(5, TimeUnit.SECONDS);
    }
    // The future completes after the call left the count: poll briefly, bounded.
    for (int i = 0; i < 100 && pusher.requestsInFlight() > 0; i++) {
      Thread.sleep(10);
    }
    assertThat(pusher.requestsInFlight()).isZero();
    assertThat(pusher.requestsQueued()).isZero();
  }

  @Test
  void aCallRefusedByAFullQueueOrDroppedAtCloseLeavesTheQueuedCount() throws Exception {
    server.setFallback(holdUntil(gate, respond(200, "{}")));
    Pusher pusher = client(clientOf(server).maxRequestsInFlight(1).maxQueuedRequests(2));
    List<CompletableFuture<TriggerResult>> accepted = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      accepted.add(trigger(pusher));
    }
    assertThat(server.awaitRequests(1, LONG)).isTrue();
    assertThat(trigger(pusher)).isCompletedExceptionally();
    assertThat(pusher.requestsQueued()).isEqualTo(2);

    pusher.close();

    assertThat(pusher.requestsQueued()).isZero();
    assertThat(accepted.get(1)).isCompletedExceptionally();
    assertThat(accepted.get(2)).isCompletedExceptionally();
  }

  @Test
  void theLimitAppliesToAsyncCallsOnlyBlockingCallsRunOnTheirOwnThreads() {
    server.enqueue(holdUntil(gate, respond(200, "{}"))); // the async call in flight
    Pusher pusher = client(clientOf(server).maxRequestsInFlight(1).maxQueuedRequests(1));
    trigger(pusher);
    trigger(pusher);
    assertThat(server.awaitRequests(1, LONG)).isTrue();

    TriggerResult blocking = pusher.trigger("my-channel", "my-event", "{}");

    assertThat(blocking.channels()).isEmpty();
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @Test
  void runsAsyncCallsOnTheCallersExecutorAndLeavesItRunning() throws Exception {
    ExecutorService mine = Executors.newSingleThreadExecutor(r -> new Thread(r, "my-executor"));
    try {
      List<String> threads = new ArrayList<>();
      Pusher pusher =
          client(
              clientOf(server)
                  .asyncExecutor(mine)
                  .requestListener(
                      new RequestListener() {
                        @Override
                        public void onStart(
                            CallKind kind, String method, String path, int attempt) {
                          threads.add(Thread.currentThread().getName());
                        }
                      }));

      trigger(pusher).get(5, TimeUnit.SECONDS);
      pusher.close();

      assertThat(threads).containsExactly("my-executor");
      assertThat(mine.isShutdown())
          .as("the caller's executor is the caller's to shut down")
          .isFalse();
    } finally {
      mine.shutdownNow();
    }
  }

  @Test
  void aCallersExecutorRefusingACallFailsItWithAPusherException() {
    Pusher pusher =
        client(
            clientOf(server)
                .asyncExecutor(
                    r -> {
                      throw new RejectedExecutionException("no room");
                    }));

    CompletableFuture<TriggerResult> refused = trigger(pusher);

    assertThat(catchThrowable(refused::join).getCause())
        .isExactlyInstanceOf(PusherException.class)
        .hasMessageContaining("refused")
        .hasMessageContaining("no room");
    assertThat(server.requestCount()).isZero();
  }
}
