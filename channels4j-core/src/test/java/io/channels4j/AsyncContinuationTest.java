package io.channels4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A call started from the completion of an async call runs next on the thread that completed it (no
 * hand-off), and a callback that waits for such a call does not wait for itself.
 */
class AsyncContinuationTest {
  private final RecordingServer server = RecordingServer.start();
  private final Pusher pusher = server.clientBuilder().maxRequestsInFlight(1).build();

  @AfterEach
  void stop() {
    pusher.close();
    server.close();
  }

  @Test
  void aCallChainedFromACompletionRunsOnTheThreadThatCompletedIt() throws Exception {
    AtomicReference<Thread> first = new AtomicReference<>();
    AtomicReference<Thread> second = new AtomicReference<>();
    CompletableFuture<TriggerResult> chained =
        pusher
            .async()
            .trigger("a", "e", "1")
            .thenCompose(
                r -> {
                  first.set(Thread.currentThread());
                  return pusher
                      .async()
                      .trigger("b", "e", "2")
                      .whenComplete((r2, e) -> second.set(Thread.currentThread()));
                });

    chained.get(10, TimeUnit.SECONDS);

    assertThat(second.get()).isSameAs(first.get());
    assertThat(server.takeRequest().bodyText()).contains("\"a\"");
    assertThat(server.takeRequest().bodyText()).contains("\"b\"");
  }

  @Test
  @Timeout(20)
  void aCallbackThatJoinsTheCallItStartedDoesNotWaitForItself() throws Exception {
    // Two executor threads: the joined call must not stay in the slot of the thread that waits
    // for it (it would never run); join hands it to the executor, and the other thread runs it.
    // (With one thread, a callback that blocks on another call of the client waits forever, as
    // it always has: that thread is the only one that could run it.)
    Pusher roomy = server.clientBuilder().maxRequestsInFlight(2).build();
    try {
      CompletableFuture<String> outer =
          roomy
              .async()
              .trigger("a", "e", "1")
              .thenApply(
                  r -> {
                    roomy.async().trigger("b", "e", "2").join();
                    return "done";
                  });

      assertThat(outer.get(10, TimeUnit.SECONDS)).isEqualTo("done");
    } finally {
      roomy.close();
    }
  }

  @Test
  void manyCallsStartedFromOneCompletionAllRunAndOnlyTheFirstStaysOnThatThread() throws Exception {
    List<CompletableFuture<TriggerResult>> started = new ArrayList<>();
    CompletableFuture<Void> all =
        pusher
            .async()
            .trigger("a", "e", "0")
            .thenCompose(
                r -> {
                  for (int i = 1; i <= 5; i++) {
                    started.add(pusher.async().trigger("c" + i, "e", "" + i));
                  }
                  return CompletableFuture.allOf(started.toArray(CompletableFuture[]::new));
                });

    all.get(10, TimeUnit.SECONDS);

    assertThat(started).hasSize(5).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      bodies.add(server.takeRequest().bodyText());
    }
    assertThat(bodies).hasSize(6);
  }

  @Test
  void cancellingAChainedCallBeforeItRunsMeansItIsNeverSent() throws Exception {
    AtomicReference<CompletableFuture<TriggerResult>> second = new AtomicReference<>();
    CompletableFuture<TriggerResult> first =
        pusher
            .async()
            .trigger("a", "e", "1")
            .whenComplete(
                (r, e) -> {
                  CompletableFuture<TriggerResult> f = pusher.async().trigger("b", "e", "2");
                  second.set(f);
                  f.cancel(true); // still in this thread's slot: never sent
                });

    first.get(10, TimeUnit.SECONDS);
    pusher.async().trigger("c", "e", "3").get(10, TimeUnit.SECONDS);

    assertThat(second.get()).isCancelled();
    assertThat(server.takeRequest().bodyText()).contains("\"a\"");
    assertThat(server.takeRequest().bodyText()).contains("\"c\"");
  }
}
